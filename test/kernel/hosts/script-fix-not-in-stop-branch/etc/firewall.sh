#!/bin/sh
# An init-style script: run without arguments at boot, so "stop" never runs. The last iptables
# command written is in that branch; a rule added after it would never run either.
IPT=/sbin/iptables
$IPT -F
$IPT -X
$IPT -P INPUT DROP
$IPT -P OUTPUT ACCEPT
$IPT -A INPUT -i lo -j ACCEPT
$IPT -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
for port in 22 21; do
  $IPT -A INPUT -p tcp --dport $port -j ACCEPT
done
case "$1" in
  stop)
    $IPT -P INPUT ACCEPT
    $IPT -F
    ;;
esac
