#!/usr/bin/env bash
# Asks the real nft whether it accepts each ruleset file in a folder, with the kernel of a
# throwaway network namespace checking the batch (so kernel refusals count too):
#   unshare --net bash nft-oracle.sh DIR
# Prints one line per file (in no particular order: the files are checked two at a time):
# NAME<TAB>STATUS<TAB>FIRST ERROR LINE<TAB>FIRST ERROR MESSAGE
set -u
check() {
  for file in "$@"; do
    out=$(timeout 10 nft -c -f "$file" 2>&1)
    status=$?
    first=$(printf '%s\n' "$out" | grep -m1 -E '^[^ ]+:[0-9]+:[0-9]+-[0-9]+: Error: ')
    line=$(printf '%s' "$first" | sed -E 's/^[^:]+:([0-9]+):.*/\1/')
    message=$(printf '%s' "$first" | sed -E 's/^[^ ]+: Error: //' | tr '\t' ' ')
    printf '%s\t%s\t%s\t%s\n' "$(basename "$file")" "$status" "$line" "$message"
  done
}
export -f check
find "$1" -maxdepth 1 -type f -print0 | xargs -0 -n 64 -P 2 bash -c 'check "$@"' _
