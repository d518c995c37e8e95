#!/bin/sh
IPT=/sbin/iptables
$IPT -F
$IPT -X
$IPT -P INPUT DROP
$IPT -P OUTPUT ACCEPT
$IPT -A INPUT -i lo -j ACCEPT
$IPT -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
[ -f /etc/default/role ] && . /etc/default/role
case "$ROLE" in
  ftp|ftps)
    $IPT -A INPUT -p tcp -m multiport --dports 21,40000:40100 -j ACCEPT
    ;;
  web)
    $IPT -A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT
    ;;
  *)
    echo "unknown role $ROLE" >&2
    ;;
esac
