#!/bin/sh
# The clients (.ftpwall.json) are bound to the internal zone by their network.
firewall-cmd --permanent --zone=internal --add-source=10.77.0.0/16
firewall-cmd --permanent --zone=internal --add-port=21/tcp --add-port=40000-40010/tcp
firewall-cmd --reload
