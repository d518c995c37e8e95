#!/bin/sh
# Three commands iptables reads well but the kernel refuses: each fails, adds nothing,
# and the script goes on.
IPT=/sbin/iptables
$IPT -F
$IPT -P INPUT DROP
$IPT -A INPUT -i lo -j ACCEPT
$IPT -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
# REJECT is taken in the filter table only.
$IPT -t mangle -I INPUT -p tcp -j REJECT
# A TCP reset for what may not be TCP.
$IPT -I INPUT -j REJECT --reject-with tcp-reset
# The FTP helper exists for TCP only.
$IPT -t raw -A PREROUTING -j CT --helper ftp
$IPT -A INPUT -p tcp --dport 21 -j ACCEPT
$IPT -A INPUT -p tcp --dport 40000:40100 -j ACCEPT
exit 0
