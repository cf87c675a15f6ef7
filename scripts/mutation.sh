#!/usr/bin/env bash
# Mutation testing of Core's rules and guards with Stryker.NET (README, Mutation testing).
# The report goes to .artifacts/mutation/reports. Extra arguments go to Stryker, e.g.
#   scripts/mutation.sh --since:HEAD~1        only what changed since the previous commit (any git ref: it is
#                                             given to Stryker as a full commit id, the only form it finds)
#   scripts/mutation.sh --mutate '**/Owners/OwnerRemovals.cs'   one file
# The mutants run against the SQLite tests of Core (no PostgreSQL or SMTP server needed): the PostgreSQL copies test
# the same rules.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

dotnet tool restore >/dev/null
out="$root/.artifacts/mutation"
rm -rf "$out"
args=()
for arg in "$@"; do
  if [[ "$arg" == --since:* ]]; then
    arg="--since:$(git rev-parse "${arg#--since:}")"
  fi
  args+=("$arg")
done
cd AccountAdmin.Core
dotnet stryker --config-file "$root/stryker-config.json" --output "$out" "${args[@]}"
