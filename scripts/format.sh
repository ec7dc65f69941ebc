#!/usr/bin/env bash
# Formats the C++ sources with clang-format (Google base, .clang-format).
# usage: scripts/format.sh [--check]
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t FILES < <(git ls-files '*.cc' '*.h' 2>/dev/null || find src tests bench -name '*.cc' -o -name '*.h')
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run --Werror "${FILES[@]}"
  echo "clang-format: ${#FILES[@]} files formatted"
else
  clang-format -i "${FILES[@]}"
fi
