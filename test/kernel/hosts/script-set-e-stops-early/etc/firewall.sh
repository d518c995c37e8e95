#!/bin/sh
set -e
IPT=/sbin/iptables
$IPT -F
$IPT -P INPUT DROP
$IPT -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
$IPT -A INPUT -p tcp --dport 21 -j ACCEPT
# FTP_IN was never created: iptables fails here and set -e ends the script.
$IPT -A INPUT -p tcp --dport 40000:40100 -j FTP_IN
$IPT -A INPUT -p tcp --dport 40000:40100 -j ACCEPT
