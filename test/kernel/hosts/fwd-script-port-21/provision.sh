#!/bin/sh
# Port 21 as a plain port: no FTP helper.
firewall-cmd --permanent --add-port=21/tcp
firewall-cmd --reload
