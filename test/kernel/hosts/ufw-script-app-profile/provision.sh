#!/bin/sh
ufw --force reset
ufw default deny incoming
ufw default allow outgoing
# The profile is the host's own (etc/ufw/applications.d/vsftpd).
ufw allow vsftpd
ufw --force enable
