#!/bin/sh
firewall-cmd --permanent --add-service=ftp
firewall-cmd --permanent --add-port=40000-40010/tcp
# Taken out again: only the range stays.
firewall-cmd --permanent --remove-service=ftp
firewall-cmd --reload
