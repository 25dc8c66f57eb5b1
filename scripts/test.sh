#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed, N skipped" (totals over all projects).
# Needs the .NET SDK; installs Debian's Chromium for the browser tests when it is missing (CI runs as root).
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

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test Trellis.slnx "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform closes with a summary over all test projects: total/failed/succeeded/skipped.
total=$(sed -n 's/^[[:space:]]*total:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
failed=$(sed -n 's/^[[:space:]]*failed:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
passed=$(sed -n 's/^[[:space:]]*succeeded:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
skipped=$(sed -n 's/^[[:space:]]*skipped:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)

if [ -z "$total" ]; then
  # No summary means the build or the runner failed before any test ran.
  echo "0 passed, 1 failed, 0 skipped"
  exit $(( status == 0 ? 1 : status ))
fi

echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -eq 0 ] && [ "${total:-0}" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
