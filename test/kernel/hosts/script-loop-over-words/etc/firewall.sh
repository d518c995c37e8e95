#!/bin/sh
IPT=/sbin/iptables
$IPT -F
$IPT -X
$IPT -P INPUT DROP
$IPT -P OUTPUT ACCEPT
$IPT -A INPUT -i lo -j ACCEPT
$IPT -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
# Control port and the passive range, one rule each.
for p in 21 40000:40100; do
  $IPT -A INPUT -p tcp --dport $p -j ACCEPT
done
