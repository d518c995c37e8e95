#!/bin/sh
# Changed at runtime, then saved.
firewall-cmd --add-service=ftp
firewall-cmd --runtime-to-permanent
firewall-cmd --reload
