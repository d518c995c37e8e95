#!/bin/sh
ufw --force reset
ufw default deny incoming
ufw default allow outgoing
ufw limit ftp
# Only the clients' network may reach the passive range (.ftpwall.json says where they are).
ufw allow from 10.77.0.0/16 to any port 40000:40010 proto tcp
ufw --force enable
