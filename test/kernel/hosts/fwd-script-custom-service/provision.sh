#!/bin/sh
# A service of its own for the range, made with firewall-cmd.
firewall-cmd --permanent --new-service=ftp-passive
firewall-cmd --permanent --service=ftp-passive --add-port=40000-40010/tcp
firewall-cmd --permanent --add-service=ftp-passive
firewall-cmd --permanent --add-port=21/tcp
firewall-cmd --reload
