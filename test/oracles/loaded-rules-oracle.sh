#!/usr/bin/env bash
# Loads each rule file of a folder for real, one after the other, and prints what the program
# made of it: the rules as iptables-save or nft list prints them, or its error. Run it inside a
# throwaway network namespace, whose tables are the only ones it touches:
#   unshare --net bash loaded-rules-oracle.sh DIR
# A file's ending says what loads it: .v4 iptables-legacy-restore, .v6 ip6tables-legacy-restore,
# .nft nft -f. Prints one line per file: NAME<TAB>STATUS<TAB>RULES (joined by " | ") or ERROR.
set -u
for file in "$1"/*; do
  name=$(basename "$file")
  # restore replaces only the tables a file names: every table starts empty for the next file.
  for table in filter nat mangle raw; do
    iptables-legacy -t "$table" -F 2>/dev/null; ip6tables-legacy -t "$table" -F 2>/dev/null
  done
  case "$name" in
    *.v4) out=$(timeout 10 iptables-legacy-restore "$file" 2>&1); status=$?
          [ $status -eq 0 ] && out=$(iptables-legacy-save | grep -- '^-A') ;;
    *.v6) out=$(timeout 10 ip6tables-legacy-restore "$file" 2>&1); status=$?
          [ $status -eq 0 ] && out=$(ip6tables-legacy-save | grep -- '^-A') ;;
    *.nft) nft flush ruleset; out=$(timeout 10 nft -f "$file" 2>&1); status=$?
          [ $status -eq 0 ] && out=$(nft list ruleset | grep -vE '^\s*(table|chain|type|policy|\}|$)' | sed -E 's/^\s+//') ;;
    *) continue ;;
  esac
  # The first line of an error; every line of the rules.
  [ $status -ne 0 ] && out=$(printf '%s\n' "$out" | grep -v '^Try `\|^$' | head -n 1)
  printf '%s\t%s\t%s\n' "$name" "$status" "$(printf '%s' "$out" | tr '\t' ' ' | sed ':a;N;$!ba;s/\n/ | /g')"
done
