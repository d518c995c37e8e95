#!/bin/sh
# The stock ftp service: port 21 and the FTP helper.
firewall-cmd --permanent --add-service=ftp
firewall-cmd --reload
