#!/usr/bin/env bash
# Crash safety: SIGKILL Trellis in the middle of a load, start it again, and check that every 302 the
# client received has its click stored, with no duplicates.
# Usage: bench/crash.sh [links=100000] [seconds=10]
source "$(dirname "$0")/common.sh"
links=${1:-100000}; seconds=${2:-10}
ensure_wrk; build
data="$work/data"; codes="$work/codes.txt"
dotnet "$bench_dll" seed "$data" "$links" "$codes" >/dev/null
export CODES="$codes"

start_trellis "$data" 5192
wrk -t2 -c64 -d"${seconds}s" -s "$root/bench/codes.lua" "http://127.0.0.1:5192" >"$work/crash-wrk.txt" 2>&1 & wrk_pid=$!
sleep $((seconds / 2))
kill -KILL "$trellis_pid"; wait "$trellis_pid" 2>/dev/null || true
wait "$wrk_pid" || true
# wrk counts responses it fully received, 302s (and nothing else) here.
received=$(awk '/requests in/ {print $1}' "$work/crash-wrk.txt")
spool=$(du -sb "$data/spool" | cut -f1)

start_trellis "$data" 5192     # replays the spool first
kill -TERM "$trellis_pid"; wait "$trellis_pid" || true
read -r stored distinct < <(stored_clicks "$data")
echo "302s received by the client before SIGKILL: ${received}"
echo "spool left on disk at the kill: ${spool} bytes"
echo "clicks stored after restart: ${stored} (distinct ids: ${distinct})"
if [ "$stored" -ge "$received" ] && [ "$stored" -eq "$distinct" ]; then
  echo "crash loss 0, duplicates 0: OK"
else
  echo "LOST $((received - stored)) clicks or duplicated $((stored - distinct))"; exit 1
fi
