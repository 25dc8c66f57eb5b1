#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks: a temporary folder, a loopback port, no password
# (trust on 127.0.0.1 only), tuned for speed over durability. Installs Debian's PostgreSQL when it is missing.
#
#   source scripts/postgres.sh && postgres_start   # exports TRELLIS_TEST_POSTGRES (a connection string)
#   postgres_stop                                  # stops the cluster and removes its folder
#
# Run alone (`scripts/postgres.sh`), it starts a cluster, prints the connection string and waits until Ctrl-C.

postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing PostgreSQL for the tests..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >/dev/null 2>&1 \
      || echo "Could not install PostgreSQL." >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -n "$dir" ] && echo "$dir"
}

# initdb and postgres refuse to run as root: run them as the postgres user the Debian package creates.
postgres_as() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

postgres_start() {
  local bin
  bin=$(postgres_bin) || { echo "PostgreSQL is missing (apt-get install postgresql)." >&2; return 1; }
  [ -n "$bin" ] || { echo "PostgreSQL is missing (apt-get install postgresql)." >&2; return 1; }
  TRELLIS_PG_DIR=$(mktemp -d /tmp/trellis-pg.XXXXXX)
  chmod 755 "$TRELLIS_PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$TRELLIS_PG_DIR"
  postgres_as "$bin/initdb" -D "$TRELLIS_PG_DIR/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null \
    || { echo "initdb failed." >&2; return 1; }
  local port
  for _ in 1 2 3 4 5; do
    port=$(( 20000 + RANDOM % 20000 ))
    if postgres_as "$bin/pg_ctl" -D "$TRELLIS_PG_DIR/data" -l "$TRELLIS_PG_DIR/log" -w -t 30 start \
        -o "-h 127.0.0.1 -p $port -k $TRELLIS_PG_DIR -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB" >/dev/null; then
      export TRELLIS_PG_DIR TRELLIS_PG_BIN="$bin"
      export TRELLIS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
      return 0
    fi
  done
  echo "PostgreSQL did not start; see $TRELLIS_PG_DIR/log." >&2
  return 1
}

postgres_stop() {
  if [ -n "${TRELLIS_PG_DIR:-}" ] && [ -d "$TRELLIS_PG_DIR" ]; then
    postgres_as "$TRELLIS_PG_BIN/pg_ctl" -D "$TRELLIS_PG_DIR/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$TRELLIS_PG_DIR"
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  postgres_start
  trap postgres_stop EXIT
  echo "$TRELLIS_TEST_POSTGRES"
  echo "Ctrl-C stops the cluster and removes $TRELLIS_PG_DIR." >&2
  sleep infinity &
  wait
fi
