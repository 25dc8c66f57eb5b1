#!/usr/bin/env bash
# Redirect throughput: a bare Kestrel 302 (baseline) vs Trellis /r/{code} with the full click pipeline.
# 100k links, wrk with 64 connections and 2 threads for 15 s after a 10 s warm-up (WARMUP=s), three interleaved rounds; after each
# Trellis round the server stops gracefully and clicks stored must equal redirects answered.
# Usage: bench/load.sh [links=100000] [seconds=15] [rounds=3]    (SPOOL=/dev/shm/x puts the spool on a tmpfs;
#        DB=postgres runs Trellis on a throwaway PostgreSQL cluster from scripts/postgres.sh)
# "drained" is the writer's own rate: clicks still in the spool when the graceful stop began, over the stop's time.
source "$(dirname "$0")/common.sh"
links=${1:-100000}; seconds=${2:-15}; rounds=${3:-3}
# Warm-up before each measured run, the same for both servers: Trellis has far more code than the bare app,
# and for its first ~10 s under load the JIT is still re-compiling hot methods (tiered PGO) on the same 2 cores.
warmup=${WARMUP:-10}
ensure_wrk; build
data="$work/data"; codes="$work/codes.txt"
dotnet "$bench_dll" seed "$data" "$links" "$codes" ${pg:+"$pg"} >/dev/null
export CODES="$codes"

run_wrk() { # port label: warm-up until tiered compilation has settled, then the measured run
  wrk -t2 -c64 -d"${warmup}s" -s "$root/bench/codes.lua" "http://127.0.0.1:$1" >/dev/null
  wrk -t2 -c64 -d"${seconds}s" --latency -s "$root/bench/codes.lua" "http://127.0.0.1:$1" >"$work/$2.txt"
  local rps p50 p99 total
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/$2.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/$2.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$2.txt")
  total=$(awk '/requests in/ {print $1}' "$work/$2.txt")
  echo "$rps $p50 $p99 $total"
}

: >"$work/bare.rps"; : >"$work/trellis.rps"; : >"$work/drain.rate"
for round in $(seq 1 "$rounds"); do
  dotnet "$bench_dll" bare "http://127.0.0.1:5190" "$codes" >/dev/null 2>&1 & bare_pid=$!
  wait_http "http://127.0.0.1:5190/r/none"
  read -r rps p50 p99 total < <(run_wrk 5190 "bare-$round")
  kill "$bare_pid"; wait "$bare_pid" 2>/dev/null || true
  echo "round $round  bare     ${rps} req/s  p50 ${p50}  p99 ${p99}"
  echo "$rps $p50 $p99" >>"$work/bare.rps"

  read -r before _ < <(stored_clicks "$data")
  start_trellis "$data" 5191
  read -r rps p50 p99 total < <(run_wrk 5191 "trellis-$round")
  answered=$(redirects_answered 5191)
  written=$(clicks_written 5191)
  stop_started=$(date +%s.%N)
  kill -TERM "$trellis_pid"; wait "$trellis_pid" || true
  drain=$(awk -v a="$stop_started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  read -r after distinct < <(stored_clicks "$data")
  stored=$((after - before))
  backlog=$((answered - ${written:-0}))
  rate=$(awk -v n="$backlog" -v s="$drain" 'BEGIN {printf "%.0f", (s > 0 ? n / s : 0)}')
  echo "round $round  trellis  ${rps} req/s  p50 ${p50}  p99 ${p99}  answered ${answered}  stored ${stored}  lost $((answered - stored))  (wrk counted ${total}; graceful stop with the spool drained took ${drain} s)"
  echo "round $round  writer   ${written:-0} stored during the run, ${backlog} drained at stop in ${drain} s = ${rate} clicks/s"
  echo "$rps $p50 $p99" >>"$work/trellis.rps"
  echo "$rate" >>"$work/drain.rate"
done

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# wrk prints latencies as 812.00us, 1.20ms or 1.05s: bring them to milliseconds.
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000} printf "%.3f\n", v}'; }
bare=$(cut -d' ' -f1 "$work/bare.rps" | median)
trellis=$(cut -d' ' -f1 "$work/trellis.rps" | median)
echo "median  bare ${bare} req/s  p50 $(cut -d' ' -f2 "$work/bare.rps" | ms | median) ms  p99 $(cut -d' ' -f3 "$work/bare.rps" | ms | median) ms"
echo "median  trellis ${trellis} req/s  p50 $(cut -d' ' -f2 "$work/trellis.rps" | ms | median) ms  p99 $(cut -d' ' -f3 "$work/trellis.rps" | ms | median) ms"
awk -v t="$trellis" -v b="$bare" 'BEGIN {printf "ratio trellis/bare = %.3f\n", t / b}'
echo "median  writer drain $(median <"$work/drain.rate") clicks/s (${DB:-sqlite})"
echo "work folder: $work"
