#!/usr/bin/env bash
# Runs every test: unit, HTTP (SQLite and PostgreSQL) and end-to-end in Chromium.
# Installs and starts what they need first. Extra arguments go to dotnet test (e.g. --filter).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scripts/ensure-tools.sh
ACCOUNTADMIN_TEST_POSTGRES="$(scripts/postgres.sh start | tail -n 1)"
export ACCOUNTADMIN_TEST_POSTGRES
trap 'scripts/postgres.sh stop' EXIT

results="$root/.artifacts/test-results"
rm -rf "$results"
set +e
dotnet test AccountAdmin.sln --configuration Release --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

# The model may not change without a migration, for either engine (dotnet-ef from .config/dotnet-tools.json).
dotnet tool restore >/dev/null
for engine in Sqlite PostgreSql; do
  if ! dotnet ef migrations has-pending-model-changes --no-build --configuration Release \
      --project "AccountAdmin.Migrations.$engine" --startup-project "AccountAdmin.Migrations.$engine"; then
    echo "The model has changes without a $engine migration: see README, Migrations." >&2
    status=1
  fi
done

# One closing line for every runner: the totals over all test projects.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  n="$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
