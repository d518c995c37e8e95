#!/bin/sh
IPT=/sbin/iptables
$IPT -F
$IPT -X
$IPT -P INPUT DROP
$IPT -P OUTPUT ACCEPT
$IPT -A INPUT -i lo -j ACCEPT
$IPT -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
TCP_PORTS="22 21 80"
for port in $TCP_PORTS; do
  $IPT -A INPUT -p tcp --dport "$port" -j ACCEPT
done
# The passive range is forgotten: passive mode is blocked.
