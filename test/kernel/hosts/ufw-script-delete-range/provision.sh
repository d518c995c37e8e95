#!/bin/sh
ufw --force reset
ufw default deny incoming
ufw default allow outgoing
ufw allow 21/tcp
ufw allow 40000:40010/tcp
# Taken out again.
ufw delete allow 40000:40010/tcp
ufw --force enable
