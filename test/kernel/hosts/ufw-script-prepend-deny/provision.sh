#!/bin/sh
# The deny is put before the allows that come first in the script.
ufw --force reset
ufw default deny incoming
ufw default allow outgoing
ufw allow 21/tcp
ufw allow 40000:40010/tcp
ufw prepend deny 40000:40010/tcp
ufw --force enable
