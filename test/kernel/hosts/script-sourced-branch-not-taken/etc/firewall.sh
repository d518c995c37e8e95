#!/bin/sh
IPT=/sbin/iptables
$IPT -F
$IPT -X
$IPT -P INPUT DROP
$IPT -P OUTPUT ACCEPT
$IPT -A INPUT -i lo -j ACCEPT
$IPT -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
. /etc/default/ftp-firewall
$IPT -A INPUT -p tcp --dport "$FTP_PORT" -j ACCEPT
if [ "$FTP_PASSIVE" = yes ]; then
  $IPT -A INPUT -p tcp --dport 40000:40100 -j ACCEPT
fi
