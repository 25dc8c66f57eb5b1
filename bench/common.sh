# Shared by load.sh and crash.sh: builds, paths and server start/stop.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_WORK:-$(mktemp -d /tmp/trellis-bench.XXXXXX)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# DB=postgres: Trellis stores in a throwaway PostgreSQL cluster (scripts/postgres.sh, stopped on exit) instead of
# SQLite in the data folder; $pg is its connection string, empty on SQLite.
pg=""
if [ "${DB:-sqlite}" = postgres ]; then
  source "$root/scripts/postgres.sh"
  postgres_start
  trap postgres_stop EXIT
  pg="${TRELLIS_TEST_POSTGRES/Database=postgres/Database=trellis_bench};Maximum Pool Size=200"
fi

ensure_wrk() {
  command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
}

build() {
  dotnet build "$root/src/Trellis.Server" -c Release -v q -nologo >/dev/null
  dotnet build "$root/bench/Trellis.Bench" -c Release -v q -nologo >/dev/null
  server_dll="$root/src/Trellis.Server/bin/Release/net10.0/Trellis.Server.dll"
  bench_dll="$root/bench/Trellis.Bench/bin/Release/net10.0/Trellis.Bench.dll"
}

wait_http() { # url
  for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "server at $1 did not start" >&2; return 1
}

start_trellis() { # dataDir port; SPOOL=<dir> puts the click spool elsewhere (e.g. a tmpfs)
  dotnet "$server_dll" --urls="http://127.0.0.1:$2" --Trellis:DataDirectory="$1" ${SPOOL:+--Tracking:SpoolDirectory="$SPOOL"} \
    ${pg:+--Trellis:Database=Postgres --ConnectionStrings:Trellis="$pg"} \
    --Trellis:BootstrapApiKey=trls_bench_owner_key_0123456789 --Logging:LogLevel:Default=Warning >"$work/trellis-$2.log" 2>&1 &
  trellis_pid=$!
  # Ready when a redirect is answered (an unknown code: 404). Not the OpenAPI document: building it
  # costs ~50 MB of caches that a redirect-only node never needs, and memory.sh measures what links cost.
  wait_http "http://127.0.0.1:$2/r/none"
}

# awk reads /metrics to the end: leaving early would break curl's pipe, and under pipefail that failed the
# assignment and silently ended the script (set -e) once the page outgrew one write.
metric() { # port name: the first sample of a metric on the server's /metrics page (empty when absent)
  curl -s "http://127.0.0.1:$1/metrics" | awk -v name="$2" '$1 == name || index($1, name "{") == 1 { if (v == "") v = $NF } END { print v }'
}

redirects_answered() { # port: the server's own count of 302s answered
  metric "$1" trellis_redirects_total
}

stored_clicks() { # dataDir -> "count distinct"
  dotnet "$bench_dll" count "$1" ${pg:+"$pg"}
}

clicks_written() { # port: the server's own count of clicks committed so far
  metric "$1" trellis_clicks_written_total
}
