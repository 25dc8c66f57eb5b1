#!/usr/bin/env bash
# One node against two on one PostgreSQL: redirects/s and clicks/s ingested, measured in the same run.
# Each phase: warm-up, a measured wrk run (two wrk processes, one per node, for two nodes), then a graceful
# stop of every node; clicks stored must equal redirects answered. The writers' ingest rate is the clicks
# still spooled when the stop began over the stop's time (the same measure as load.sh's "drained").
# Usage: bench/nodes.sh [links=100000] [seconds=15]      (always on a throwaway PostgreSQL cluster)
export DB=postgres
source "$(dirname "$0")/common.sh"
links=${1:-100000}; seconds=${2:-15}; warmup=${WARMUP:-10}
ensure_wrk; build
codes="$work/codes.txt"
dotnet "$bench_dll" seed "$work/seed" "$links" "$codes" "$pg" >/dev/null
export CODES="$codes"

measure() { # label port...: wrk against every port at once; prints the summed req/s
  local label=$1; shift
  local threads=$((2 / $#)) conns=$((64 / $#)) pids=() port
  for port in "$@"; do wrk -t"$threads" -c"$conns" -d"${warmup}s" -s "$root/bench/codes.lua" "http://127.0.0.1:$port" >/dev/null & pids+=($!); done
  wait "${pids[@]}"; pids=()
  for port in "$@"; do
    wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency -s "$root/bench/codes.lua" "http://127.0.0.1:$port" >"$work/$label-$port.txt" & pids+=($!)
  done
  wait "${pids[@]}"
  cat "$work/$label"-*.txt | awk '/^Requests\/sec:/ {s += $2} END {printf "%.0f\n", s}'
}

phase() { # label port...: start a node per port, load them, stop them, check the clicks
  local label=$1; shift
  local port pids=() answered=0 written=0
  read -r before _ < <(stored_clicks "$work/seed")
  for port in "$@"; do start_trellis "$work/node-$port" "$port"; pids+=("$trellis_pid"); done
  rps=$(measure "$label" "$@")
  for port in "$@"; do
    # A counter the node never incremented (its writer had no idle CPU during the run) is absent: 0.
    local count
    count=$(redirects_answered "$port"); answered=$((answered + ${count:-0}))
    count=$(clicks_written "$port"); written=$((written + ${count:-0}))
  done
  local stop_started; stop_started=$(date +%s.%N)
  kill -TERM "${pids[@]}"; wait "${pids[@]}" || true
  local drain; drain=$(awk -v a="$stop_started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  read -r after distinct < <(stored_clicks "$work/seed")
  local stored=$((after - before)) backlog=$((answered - written))
  local rate; rate=$(awk -v n="$backlog" -v s="$drain" 'BEGIN {printf "%.0f", (s > 0 ? n / s : 0)}')
  echo "$label  ${rps} req/s  answered ${answered}  stored ${stored}  lost $((answered - stored))  distinct ${distinct}/${after}  writers drained ${backlog} in ${drain} s = ${rate} clicks/s"
}

dotnet "$bench_dll" bare "http://127.0.0.1:5190" "$codes" >/dev/null 2>&1 & bare_pid=$!
wait_http "http://127.0.0.1:5190/r/none"
bare=$(measure bare 5190)
kill "$bare_pid"; wait "$bare_pid" 2>/dev/null || true
echo "bare        ${bare} req/s"
phase "one node " 5191
phase "two nodes" 5192 5193
echo "work folder: $work"
