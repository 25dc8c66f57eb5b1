#!/usr/bin/env bash
# Sales through the API path on SQLite: a fresh data folder, the server in Release, N track/sale calls with
# click ids over C connections (default 100000 over 8). Prints sales/s. The rate limit is raised for the run.
# Usage: bench/sales.sh [count=100000] [connections=8]
source "$(dirname "$0")/common.sh"
count=${1:-100000}; connections=${2:-8}
build
data="$work/sales-data"
dotnet "$server_dll" --urls="http://127.0.0.1:5192" --Trellis:DataDirectory="$data" --Trellis:BootstrapApiKey=trls_bench_owner_key_0123456789 \
  --RateLimiting:Burst=1000000 --RateLimiting:PerSecond=1000000 --Webhooks:WorkerEnabled=false \
  --Logging:LogLevel:Default=Warning >"$work/sales-server.log" 2>&1 &
trellis_pid=$!
wait_http "http://127.0.0.1:5192/openapi/v1.json"
dotnet "$bench_dll" sales "http://127.0.0.1:5192" trls_bench_owner_key_0123456789 "$count" "$connections" || status=$?
kill -TERM "$trellis_pid"; wait "$trellis_pid" || true
rm -rf "$work"
exit "${status:-0}"
