#!/bin/sh
IPT=/sbin/iptables
$IPT -F
$IPT -X
$IPT -P INPUT DROP
$IPT -P OUTPUT ACCEPT
$IPT -A INPUT -i lo -j ACCEPT
$IPT -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
open_tcp() {
  local port="$1"
  shift
  $IPT -A INPUT -p tcp --dport "$port" "$@" -j ACCEPT
}
open_tcp 21
open_tcp 40000:40100 -m conntrack --ctstate NEW
