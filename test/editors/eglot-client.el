;;; Opens FTPWALL_FILE in batch Emacs 28, connects eglot to ftpwall's language server over stdio
;;; and prints each diagnostic of the first publishDiagnostics that carries a host finding.
(require 'eglot)
(define-derived-mode vsftpd-conf-mode fundamental-mode "vsftpd")
(add-to-list 'eglot-server-programs `(vsftpd-conf-mode . ("node" ,(getenv "FTPWALL_SERVER") "--stdio")))
(defvar ftpwall-diagnostics nil)
(cl-defmethod eglot-handle-notification :before (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  ;; The server also publishes for the host's other files; keep the opened file's.
  (when (and (string-suffix-p (file-name-nondirectory (getenv "FTPWALL_FILE")) uri)
             (cl-some (lambda (d) (string-prefix-p "ftp/" (or (plist-get d :code) ""))) diagnostics))
    (setq ftpwall-diagnostics diagnostics)))
(let ((default-directory (file-name-as-directory (getenv "FTPWALL_ROOT"))))
  (find-file (getenv "FTPWALL_FILE"))
  (vsftpd-conf-mode)
  ;; The project root is the folder with .git, so the server sees the whole host.
  (apply #'eglot (eglot--guess-contact)))
(let ((deadline (+ (float-time) 20)))
  (while (and (not ftpwall-diagnostics) (< (float-time) deadline))
    (accept-process-output nil 0.1)))
(if (not ftpwall-diagnostics)
    (progn (princ "TIMEOUT\n") (kill-emacs 1))
  (cl-loop for d across ftpwall-diagnostics
           do (princ (format "DIAG %d %s %s\n" (plist-get (plist-get (plist-get d :range) :start) :line) (plist-get d :code) (plist-get d :message))))
  (kill-emacs 0))
