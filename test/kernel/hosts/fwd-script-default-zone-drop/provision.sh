#!/bin/sh
# public allows FTP, but the default zone is now drop.
firewall-cmd --permanent --zone=public --add-service=ftp
firewall-cmd --set-default-zone=drop
firewall-cmd --reload
