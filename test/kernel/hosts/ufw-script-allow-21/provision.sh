#!/bin/sh
# As a provisioning script configures ufw: only the control port is allowed.
ufw --force reset
ufw default deny incoming
ufw default allow outgoing
ufw allow OpenSSH
ufw allow 21/tcp
ufw --force enable
