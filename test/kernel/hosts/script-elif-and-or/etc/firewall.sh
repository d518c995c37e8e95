#!/bin/sh
IPT=/sbin/iptables
$IPT -F
$IPT -X
$IPT -P INPUT DROP
$IPT -P OUTPUT ACCEPT
$IPT -A INPUT -i lo -j ACCEPT
$IPT -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ENABLE_FTP=1
[ "$ENABLE_FTP" -eq 1 ] && $IPT -A INPUT -p tcp --dport 21 -j ACCEPT || echo "FTP off"
if [ "$ENABLE_FTP" = 0 ]; then
  echo "FTP is off"
elif [ -f /etc/ftp-passive ] && [ "$(cat /etc/ftp-passive)" = yes ]; then
  $IPT -A INPUT -p tcp --dport 40000:40100 -j ACCEPT
else
  $IPT -A INPUT -p tcp --dport 50000:50100 -j ACCEPT
fi
