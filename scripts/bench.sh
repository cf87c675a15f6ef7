#!/usr/bin/env bash
# The Manage Users benchmark: seeds 100,000 users over 2,000 accounts (50,000 in one) on SQLite,
# starts the portal in Release on loopback, and measures three pages with wrk at 16 connections.
# Usage: scripts/bench.sh [seconds per page, default 20]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
duration="${1:-20}"
port="${BENCH_PORT:-5099}"
work="$root/.artifacts/bench"
base="http://127.0.0.1:$port"
mkdir -p "$work"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi

dotnet build AccountAdmin.Web -c Release -v quiet -nologo >/dev/null
dotnet build AccountAdmin.Benchmarks -c Release -v quiet -nologo >/dev/null

db="$work/bench-v3.db"
if [ ! -f "$db.ready" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  dotnet AccountAdmin.Benchmarks/bin/Release/net10.0/AccountAdmin.Benchmarks.dll seed "$db" | tee "$db.ready"
fi
account="$(sed -n 's/^account=//p' "$db.ready")"
agency="$(sed -n 's/^agency=//p' "$db.ready")"

# Starts the portal in Release on $base over the SQLite file $1; $server is its process.
start_portal() {
  ASPNETCORE_ENVIRONMENT=Production \
  ASPNETCORE_URLS="$base" \
  Database__ConnectionString="Data Source=$1" \
  DataProtection__KeysFolder="$work/keys" \
  Portal__RequireHttps=false \
  Portal__SeedDemoData=false \
  Logging__LogLevel__Default=Warning \
    dotnet AccountAdmin.Web/bin/Release/net10.0/AccountAdmin.Web.dll --contentRoot "$root/AccountAdmin.Web" >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -fs "$base/login" >/dev/null 2>&1 && break; sleep 0.5; done
}

# Signs in as $1 with password $2, as a browser would; $cookie is the session's Cookie header.
sign_in() {
  local jar="$work/cookies.txt" token; rm -f "$jar"
  token="$(curl -fs -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)"
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.SignInName=$1" --data-urlencode "Input.Password=$2" "$base/login"
  cookie="$(awk '!/^#/ || /^#HttpOnly_/ { sub(/^#HttpOnly_/, ""); if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar")"
}

server=
trap 'kill $server 2>/dev/null || true' EXIT
start_portal "$db"
sign_in "bench.owner@bench.test" "Bench-Pass-2026!"

users="/accounts/$account/users"
# A page deep in the list: follow the Next link 400 times (rows 20,001 to 20,050).
deep="$users"
for _ in $(seq 1 400); do
  next="$(curl -fs -H "Cookie: $cookie" "$base$deep" | sed -n 's/.*id="next-page"[^>]*href="\([^"]*\)".*/\1/p; s/.*href="\([^"]*\)"[^>]*id="next-page".*/\1/p' | head -n 1 | sed 's/&amp;/\&/g')"
  [ -n "$next" ] || { echo "no next link after $deep" >&2; exit 1; }
  deep="$next"
done

# The runtime's tiered JIT settles over the first half minute of load: measure the server it becomes.
echo "Warming up…"
for path in "$users" "$users?q=garcia" "$deep"; do
  wrk -t1 -c16 -d12s -H "Cookie: $cookie" "$base$path" >/dev/null
done

run() {
  local name="$1" path="$2"
  curl -fs -o /dev/null -H "Cookie: $cookie" "$base$path" || { echo "$name: $path did not answer 200" >&2; exit 1; }
  wrk -t1 -c16 -d5s -H "Cookie: $cookie" "$base$path" >/dev/null
  local out; out="$(wrk -t1 -c16 -d"${duration}s" --latency -H "Cookie: $cookie" "$base$path")"
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)"
  printf '| %-38s | %9s | %8s | %8s |\n' "$name" "$rps" "$p50" "$p99"
  [ -z "$errors" ] || echo "  $errors"
}

echo
echo "Manage Users, 100,000 users / 2,000 accounts on SQLite, 16 connections, ${duration}s each ($(nproc) cores):"
echo
echo "| page                                   | requests/s |  p50     |  p99     |"
echo "|----------------------------------------|-----------:|---------:|---------:|"
run "first page (50,000-user account)" "$users"
run "search \"garcia\"" "$users?q=garcia"
run "page 401 (rows 20,001-20,050)" "$deep"

# The audit log over the same database's 1,000,000 events: the big account's log (500,000 of them) as its Owner,
# filtered by a user (an e-mail address, then part of a name), 100 pages deep; then the whole log as support staff.
audit="/accounts/$account/audit"
audit_deep="$audit"
for _ in $(seq 1 100); do
  next="$(curl -fs -H "Cookie: $cookie" "$base$audit_deep" | sed -n 's/.*id="next-page"[^>]*href="\([^"]*\)".*/\1/p; s/.*href="\([^"]*\)"[^>]*id="next-page".*/\1/p' | head -n 1 | sed 's/&amp;/\&/g')"
  [ -n "$next" ] || { echo "no next link after $audit_deep" >&2; exit 1; }
  audit_deep="$next"
done
for path in "$audit" "$audit?user=bench.owner%40bench.test" "$audit?user=garcia.12" "$audit_deep"; do
  wrk -t1 -c16 -d10s -H "Cookie: $cookie" "$base$path" >/dev/null
done
echo
echo "Audit log, 1,000,000 events (500,000 in the account), 16 connections, ${duration}s each:"
echo
echo "| page                                   | requests/s |  p50     |  p99     |"
echo "|----------------------------------------|-----------:|---------:|---------:|"
run "account log, first page" "$audit"
run "account log, a user by e-mail" "$audit?user=bench.owner%40bench.test"
run "account log, users matching \"garcia.12\"" "$audit?user=garcia.12"
run "account log, page 101" "$audit_deep"
sign_in "bench.support@bench.test" "Bench-Pass-2026!"
wrk -t1 -c16 -d10s -H "Cookie: $cookie" "$base/support/audit" >/dev/null
run "support log, every account" "/support/audit"
run "support log, one action" "/support/audit?action=membership.suspended"
kill $server 2>/dev/null || true

# The e-mail outbox: queued messages delivered to a local SMTP server (maildev from npm).
scripts/ensure-tools.sh >/dev/null
smtp=1125; web=1180
AccountAdmin.E2E/node_modules/.bin/maildev --smtp $smtp --web $web --ip 127.0.0.1 --web-ip 127.0.0.1 --silent >"$work/maildev.log" 2>&1 &
maildev=$!
trap 'kill $maildev 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$web/api/email" >/dev/null 2>&1 && break; sleep 0.5; done
echo
echo "| e-mail | rate | time | delivered |"
echo "|---|---:|---:|---:|"
dotnet AccountAdmin.Benchmarks/bin/Release/net10.0/AccountAdmin.Benchmarks.dll outbox "$work/outbox.db" 127.0.0.1 $smtp 2000

# New User with an invitation: server time of the Core call behind the POST (no password hashing on that path).
echo
echo "| create | p50 | p99 |"
echo "|---|---:|---:|"
dotnet AccountAdmin.Benchmarks/bin/Release/net10.0/AccountAdmin.Benchmarks.dll create "$work/create.db" 500

# Bulk Add: server time of preview and apply (Core calls behind the POSTs), and the database commands each takes.
echo
echo "| Bulk Add on SQLite, 20,000 users already there | p50 | max | commands | target |"
echo "|---|---:|---:|---:|---:|"
dotnet AccountAdmin.Benchmarks/bin/Release/net10.0/AccountAdmin.Benchmarks.dll bulk "$work/bulk.db"

# Divisions: one of 5,000 accounts and 5,000 users. Core times first, then each page's server time over loopback
# with one connection (so the latency is the server's time, not a queue's).
echo
echo "| Divisions on SQLite, 11,000 accounts, 5,001 users | p50 | max | commands | target |"
echo "|---|---:|---:|---:|---:|"
divisions="$(dotnet AccountAdmin.Benchmarks/bin/Release/net10.0/AccountAdmin.Benchmarks.dll divisions "$work/divisions.db")"
grep '^|' <<<"$divisions"
agency="$(sed -n 's/^agency=//p' <<<"$divisions")"
division="$(sed -n 's/^division=//p' <<<"$divisions")"
start_portal "$work/divisions.db"
trap 'kill $server $maildev 2>/dev/null || true' EXIT
sign_in "division.bench@bench.test" "Bench-Pass-2026!"
page="/agencies/$agency/divisions/$division"
for path in "$page" "$page?edit=accounts" "$page?edit=users"; do
  wrk -t1 -c1 -d8s -H "Cookie: $cookie" "$base$path" >/dev/null
done
latency() {
  local name="$1" path="$2" out
  curl -fs -o /dev/null -H "Cookie: $cookie" "$base$path" || { echo "$name: $path did not answer 200" >&2; exit 1; }
  out="$(wrk -t1 -c1 -d"${duration}s" --latency -H "Cookie: $cookie" "$base$path")"
  printf '| %s | %s | %s | %s KB |\n' "$name" "$(awk '$1 == "50%" { print $2 }' <<<"$out")" "$(awk '$1 == "99%" { print $2 }' <<<"$out")" \
    "$(( $(curl -fs -H "Cookie: $cookie" "$base$path" | wc -c) / 1024 ))"
}
echo
echo "| division page, one connection | p50 | p99 | HTML |"
echo "|---|---:|---:|---:|"
latency "division page (5,000 accounts, 5,000 users)" "$page"
latency "Edit Accounts (11,000 options)" "$page?edit=accounts"
latency "Edit Assigned Users (5,001 options)" "$page?edit=users"
kill $server 2>/dev/null || true
