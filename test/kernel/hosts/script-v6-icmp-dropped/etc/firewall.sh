#!/bin/sh
# Both families alike; ssh only on the bastion.
for ipt in /sbin/iptables /sbin/ip6tables; do
  $ipt -F
  $ipt -P INPUT DROP
  $ipt -P OUTPUT ACCEPT
  $ipt -A INPUT -i lo -j ACCEPT
  $ipt -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  if [ "$(hostname)" = bastion ]; then
    $ipt -A INPUT -p tcp --dport 22 -j ACCEPT
  fi
  $ipt -A INPUT -p tcp -m multiport --dports 21,40000:40100 -j ACCEPT
done
