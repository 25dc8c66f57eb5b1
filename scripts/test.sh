#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed, N skipped" (totals over all projects).
# Needs the .NET SDK; installs Debian's Chromium (browser tests) and PostgreSQL when they are missing (CI runs
# as root). The whole solution runs on SQLite; then the integration suite runs again on a throwaway PostgreSQL
# cluster (scripts/postgres.sh). Set TRELLIS_TEST_PROVIDERS=sqlite to skip the second run.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required: https://dot.net" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Playwright drives /usr/bin/chromium; it must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
      || echo "Could not install Chromium: the browser tests will fail." >&2
  else
    echo "Chromium is missing (apt-get install chromium): the browser tests will fail." >&2
  fi
fi

# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
logs=()
cleanup() { rm -f "${logs[@]}"; postgres_stop; }
trap cleanup EXIT

# Runs dotnet test with the given arguments; its log is kept for the totals.
run() {
  local log
  log=$(mktemp)
  logs+=("$log")
  dotnet test "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

# Microsoft.Testing.Platform closes each dotnet test with a summary over its projects: total/failed/succeeded/skipped.
count() {
  sed -n "s/^[[:space:]]*$1:[[:space:]]*\([0-9][0-9]*\).*/\1/p" "$2" | tail -n 1
}

unset TRELLIS_TEST_POSTGRES
run Trellis.slnx "$@"
status=$?

if [ "${TRELLIS_TEST_PROVIDERS:-sqlite,postgres}" != sqlite ]; then
  echo "Running the integration suite again on PostgreSQL..." >&2
  if postgres_start; then
    run tests/Trellis.Server.Tests --no-build "$@" || status=$?
  else
    echo "PostgreSQL could not start: the PostgreSQL run counts as one failure." >&2
    status=1
    pg_failed=1
  fi
fi

total=0 failed=${pg_failed:-0} passed=0 skipped=0
for log in "${logs[@]}"; do
  t=$(count total "$log")
  if [ -z "$t" ]; then
    # No summary means the build or the runner failed before any test ran.
    failed=$(( failed + 1 ))
    [ "$status" -eq 0 ] && status=1
    continue
  fi
  total=$(( total + t ))
  failed=$(( failed + $(count failed "$log") ))
  passed=$(( passed + $(count succeeded "$log") ))
  skipped=$(( skipped + $(count skipped "$log") ))
done

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$total" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
