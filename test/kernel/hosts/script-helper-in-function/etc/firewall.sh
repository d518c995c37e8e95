#!/bin/sh
IPT=/sbin/iptables
$IPT -F
$IPT -X
$IPT -P INPUT DROP
$IPT -P OUTPUT ACCEPT
$IPT -A INPUT -i lo -j ACCEPT
$IPT -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ftp_helper() {
  modprobe nf_conntrack_ftp
  $IPT -t raw -A PREROUTING -p tcp --dport "${1:-21}" -j CT --helper ftp
}
$IPT -A INPUT -p tcp --dport 21 -j ACCEPT
ftp_helper 21
