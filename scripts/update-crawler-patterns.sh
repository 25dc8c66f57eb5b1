#!/usr/bin/env bash
# Refreshes the bot patterns (crawler-user-agents, MIT) embedded in Trellis.Core from a pinned npm version.
# Usage: scripts/update-crawler-patterns.sh <version>   e.g. 1.60.0
# Needs npm only here; the build uses the committed copy.
set -euo pipefail
version=${1:?usage: scripts/update-crawler-patterns.sh <version>}
target="$(cd "$(dirname "$0")/.." && pwd)/src/Trellis.Core/Tracking/CrawlerPatterns"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "crawler-user-agents@$version" >/dev/null && tar xzf crawler-user-agents-*.tgz)
cp "$work/package/crawler-user-agents.json" "$target/crawler-user-agents.json"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "$version" > "$target/VERSION"
echo "crawler-user-agents $version -> $target"
