#!/bin/sh
iptables -F
iptables -A INPUT -p tcp --dport 40000:40100 -j ACCEPT
# --noflush: the rule above stays, the file's rules come after it.
iptables-restore --noflush < /etc/iptables/base.rules
