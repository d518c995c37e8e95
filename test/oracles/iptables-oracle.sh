#!/usr/bin/env bash
# Asks both real iptables-restore backends whether they accept each rule file in a folder.
# Run it inside a throwaway network namespace so that nothing can reach the host's firewall:
#   unshare --net bash iptables-oracle.sh DIR [ip6]
# --test parses and checks without committing, and -M /bin/false stops any module loading.
# Prints one line per file: NAME<TAB>LEGACY_STATUS<TAB>NFT_STATUS<TAB>LEGACY_MESSAGE<TAB>NFT_MESSAGE
set -u
dir=$1
prefix=${2:-ip}
for file in "$dir"/*; do
  line="$(basename "$file")"
  for backend in legacy nft; do
    out=$(timeout 10 "${prefix}tables-$backend-restore" --test -M /bin/false < "$file" 2>&1)
    status=$?
    line+=$'\t'"$status"
    messages+=("$(printf '%s' "$out" | grep -v '^Try `\|^$' | head -n 2 | tr '\t\n' '  ')")
  done
  printf '%s\t%s\t%s\n' "$line" "${messages[0]}" "${messages[1]}"
  messages=()
done
