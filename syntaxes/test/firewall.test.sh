# SYNTAX TEST "source.iptables-script" "iptables shell script highlighting"
$IPT -A INPUT -p tcp --dport $PASV_MIN:$PASV_MAX -j ACCEPT
# <--- entity.name.command.iptables
#                    ^^^^^^^ variable.parameter.option.iptables
#                            ^^^^^^^^^ variable.other.shell
#                                                   ^^^^^^ support.function.target.iptables
/sbin/iptables -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp
# <------------- entity.name.command.iptables
#                                                        ^^ support.function.target.iptables
#                                                  ^^ constant.numeric.iptables
