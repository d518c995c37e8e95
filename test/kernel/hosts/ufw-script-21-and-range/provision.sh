#!/bin/sh
ufw --force reset
ufw default deny incoming
ufw default allow outgoing
ufw allow ftp
ufw allow 40000:40010/tcp
ufw --force enable
