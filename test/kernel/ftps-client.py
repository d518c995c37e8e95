"""Lists a directory over FTPS (explicit TLS) in passive or active mode; exit 0 when it worked.

Usage: ftps-client.py HOST pasv|active
vsftpd demands that the data connection resume the control connection's TLS session
(require_ssl_reuse=YES). Python's stock ftplib does not do that, so ReusingFTP_TLS passes the
session on; TLS 1.2 keeps the reuse reliable with vsftpd 3.0.3.
"""
import ftplib
import ssl
import sys



class ReusingFTP_TLS(ftplib.FTP_TLS):
    def ntransfercmd(self, cmd, rest=None):
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=self.sock.session)
        return conn, size


host, mode = sys.argv[1], sys.argv[2]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
context.maximum_version = ssl.TLSVersion.TLSv1_2
try:
    ftp = ReusingFTP_TLS(context=context, timeout=6)
    ftp.connect(host, 21)
    ftp.login()
    ftp.prot_p()
    ftp.set_pasv(mode == "pasv")
    names = ftp.nlst()
    ftp.quit()
    print(" ".join(names))
except Exception as error:  # every failure is a "does not work" answer for the test
    print(f"failed: {error}", file=sys.stderr)
    sys.exit(1)
