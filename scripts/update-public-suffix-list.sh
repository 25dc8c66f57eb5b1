#!/usr/bin/env bash
# Refreshes the Public Suffix List (MPL-2.0, see PublicSuffix/LICENSE and VERSION) embedded in Trellis.Core
# from the Debian package `publicsuffix`. Needs apt only here; the build uses the committed copy.
# Usage: scripts/update-public-suffix-list.sh
set -euo pipefail
target="$(cd "$(dirname "$0")/.." && pwd)/src/Trellis.Core/Deals/PublicSuffix"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download publicsuffix >/dev/null && dpkg-deb -x publicsuffix_*.deb pkg)
version=$(dpkg-deb -f "$work"/publicsuffix_*.deb Version)
cp "$work/pkg/usr/share/publicsuffix/public_suffix_list.dat" "$target/public_suffix_list.dat"
echo "$version (Debian package publicsuffix)" > "$target/VERSION"
echo "public suffix list $version -> $target"
