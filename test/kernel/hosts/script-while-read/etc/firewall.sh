#!/bin/sh
IPT=/sbin/iptables
$IPT -F
$IPT -X
$IPT -P INPUT DROP
$IPT -P OUTPUT ACCEPT
$IPT -A INPUT -i lo -j ACCEPT
$IPT -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
while read port proto; do
  $IPT -A INPUT -p "$proto" --dport "$port" -j ACCEPT
done <<EOF
21 tcp
40000:40100 tcp
53 udp
EOF
