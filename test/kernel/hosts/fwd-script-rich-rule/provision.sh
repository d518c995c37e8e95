#!/bin/sh
firewall-cmd --permanent --add-rich-rule='rule family="ipv4" source address="10.77.0.0/16" service name="ftp" accept'
firewall-cmd --reload
