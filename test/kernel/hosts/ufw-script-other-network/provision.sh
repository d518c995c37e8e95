#!/bin/sh
ufw --force reset
ufw default deny incoming
ufw default allow outgoing
ufw limit ftp
# Only another network may reach the passive range: the clients (.ftpwall.json) may not.
ufw allow from 10.99.0.0/16 to any port 40000:40010 proto tcp
ufw --force enable
