#!/usr/bin/env bash
# Resident memory of Trellis with N links cached (all active links are loaded at start).
# Usage: bench/memory.sh [links=1000000]
source "$(dirname "$0")/common.sh"
links=${1:-1000000}
build
data="$work/data"; codes="$work/codes.txt"
dotnet "$bench_dll" seed "$data" "$links" "$codes" >/dev/null
start_trellis "$data" 5193
curl -s -o /dev/null "http://127.0.0.1:5193/r/$(head -1 "$codes")"
sleep 2
rss=$(awk '/VmRSS/ {print $2}' "/proc/$trellis_pid/status")
echo "links cached: ${links}  RSS: $((rss / 1024)) MB"
kill -TERM "$trellis_pid"; wait "$trellis_pid" || true
