#!/usr/bin/env bash
# The benchmarks behind the README's tables: Manage Users and the audit log (100,000 users over 2,000 accounts, 50,000 in
# one, 1,000,000 audit events; BENCH_USERS and BENCH_ACCOUNTS for other sizes, BENCH_ENGINE=postgresql for PostgreSQL,
# on a server scripts/postgres.sh starts) with wrk at 16 connections against the portal in Release on loopback; the
# outbox counted at an SMTP server (maildev); New User as a Core call and as a browser's POST; sign-ins per second;
# Bulk Add; divisions; account settings (groups, schedules, routing) at 5,000 agents.
# Usage: scripts/bench.sh [seconds per page, default 20] [part …]
#   parts: pages audit email create signin bulk divisions settings (default: all of them, in that order)
# A page that answers anything but itself (a redirect to /login after a failed sign-in, an error) stops the run with
# a message and a non-zero exit: no number is reported for a page that was not served.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
duration="${1:-20}"
shift || true
parts=" ${*:-pages audit email create signin bulk divisions settings} "
port="${BENCH_PORT:-5099}"
work="$root/.artifacts/bench"
base="http://127.0.0.1:$port"
smtp=1125; mailweb=1180
mkdir -p "$work"
bench=(dotnet AccountAdmin.Benchmarks/bin/Release/net10.0/AccountAdmin.Benchmarks.dll)

fail() { echo "bench.sh: $*" >&2; exit 1; }
commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
wants() { [[ "$parts" == *" $1 "* ]]; }

if ! command -v wrk >/dev/null; then
  echo "Installing wrk…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi

for project in AccountAdmin.Web AccountAdmin.Benchmarks; do
  dotnet build "$project" -c Release -v quiet -nologo >"$work/build.log" 2>&1 \
    || { grep -E ' error ' "$work/build.log" | sort -u >&2; fail "$project did not build (see $work/build.log)"; }
done

# wrk counts only 4xx and 5xx as errors and times a redirect like any answer. Reading each answer's status in Lua
# (wrk then copies every page into Lua) took a third or more of the rate here, on the cores wrk shares with the server,
# so it reports the bytes per answer instead: redirects (a few hundred bytes) in place of the page (tens of KB) show there.
cat >"$work/answers.lua" <<'LUA'
function done(summary, latency, requests)
  io.write(string.format("bytes per answer: %d\n", summary.requests > 0 and summary.bytes / summary.requests or 0))
end
LUA

server=; maildev=
trap 'kill $server $maildev 2>/dev/null || true' EXIT

# Starts the portal in Release on $base over the SQLite file or PostgreSQL connection string $1, sending its e-mail to
# maildev, with any settings after it (Key__Sub=value); $server is its process.
start_portal() {
  ! curl -s -o /dev/null "$base/login" || fail "something already answers on $base; set BENCH_PORT or stop it"
  local database=(Database__ConnectionString="Data Source=$1")
  [[ "$1" != Host=* ]] || database=(Database__Provider=PostgreSql Database__ConnectionString="$1")
  env \
  ASPNETCORE_ENVIRONMENT=Production \
  ASPNETCORE_URLS="$base" \
  Portal__PublicUrl="$base" \
  "${database[@]}" \
  DataProtection__KeysFolder="$work/keys" \
  Portal__RequireHttps=false \
  Portal__SeedDemoData=false \
  Email__SmtpHost=127.0.0.1 \
  Email__SmtpPort=$smtp \
  Logging__LogLevel__Default=Warning \
  "${@:2}" \
    dotnet AccountAdmin.Web/bin/Release/net10.0/AccountAdmin.Web.dll --contentRoot "$root/AccountAdmin.Web" >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -fs -o /dev/null "$base/login" && return; sleep 0.5; done
  fail "the portal did not start on $base (see $work/server.log)"
}

# The portal's memory: its peak resident size so far, and now its own (private) memory apart from the pages of the
# SQLite file it maps (the operating system's cache, shared and reclaimable), in MB.
peak_memory() {
  awk '/^VmHWM/ { h = $2 } /^RssAnon/ { a = $2 } /^RssFile/ { f = $2 }
       END { printf "%.0f MB resident at its peak; now %.0f MB its own, %.0f MB mapped files", h / 1024, a / 1024, f / 1024 }' "/proc/$server/status"
}

stop_portal() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=
}

start_maildev() {
  [ -z "$maildev" ] || return 0
  ! curl -s -o /dev/null "http://127.0.0.1:$mailweb/" || fail "something already answers on port $mailweb, where maildev would"
  scripts/ensure-tools.sh >/dev/null
  AccountAdmin.E2E/node_modules/.bin/maildev --smtp $smtp --web $mailweb --ip 127.0.0.1 --web-ip 127.0.0.1 --silent >"$work/maildev.log" 2>&1 &
  maildev=$!
  for _ in $(seq 1 60); do curl -fs -o /dev/null "http://127.0.0.1:$mailweb/api/email/summary" && return; sleep 0.5; done
  fail "maildev did not start (see $work/maildev.log)"
}

# Signs in as $1 with password $2 (and, for one with an authenticator app, the code of key $3), as a browser would;
# $cookie is the session's Cookie header. Anything but the redirect away from /login with a session cookie stops the
# run, or every page after it would be the redirect to /login.
sign_in() {
  local jar="$work/cookies.txt" token answer; rm -f "$jar"
  token="$(form_token "$base/login" "$jar")"
  answer="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.SignInName=$1" --data-urlencode "Input.Password=$2" "$base/login")"
  if [[ -n "${3:-}" && "$answer" == 302\ *"/login/two-factor"* ]]; then
    local code_page="${answer#* }"
    token="$(form_token "$code_page" "$jar")"
    answer="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
      --data-urlencode "Input.Code=$("${bench[@]}" totp "$3")" "$code_page")"
  fi
  if [[ "$answer" != 302\ * || "$answer" == *"/login"* ]] || ! grep -q 'AccountAdmin\.Session' "$jar"; then
    fail "signing in as $1 answered $(describe "$answer") and no session: every page would be timed redirecting to /login"
  fi
  cookie="$(awk '!/^#/ || /^#HttpOnly_/ { sub(/^#HttpOnly_/, ""); if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar")"
}

# The antiforgery token of the form at $1, with the cookie jar $2.
form_token() {
  local token
  token="$(curl -fs -c "$2" -b "$2" "$1" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)"
  [ -n "$token" ] || fail "the form at $1 has no antiforgery token"
  echo "$token"
}

# "302 http://…/login?…" as "302 → http://…/login?…", "200 " as "200".
describe() { local code="${1%% *}" location="${1#* }"; echo "$code${location:+ → $location}"; }

# Prints the page at $1 as the signed-in user; a redirect or an error instead of it stops the run.
page() {
  local answer
  answer="$(curl -s -o "$work/page.html" -w '%{http_code} %{redirect_url}' -H "Cookie: $cookie" "$base$1")"
  [[ "$answer" == "200 " ]] || fail "GET $1 answered $(describe "$answer") instead of the page"
  cat "$work/page.html"
}

# Stops the run unless $2 answers 200 with $3 in it (the element that makes it that page); the page stays in page.html.
check_page() {
  local name="$1" path="$2" marker="$3"
  page "$path" >/dev/null
  grep -q -- "$marker" "$work/page.html" || fail "$name: GET $path answered 200 but not the page (no $marker in it)"
}

# wrk on the page $2 (named $1, with $3 in it) as the signed-in user, its options after those; prints wrk's output.
# The page is checked before and after, and the run stops if wrk saw an error status or answers smaller than the page.
measure() {
  local name="$1" path="$2" marker="$3" out size average errors; shift 3
  check_page "$name" "$path" "$marker"
  size="$(wc -c <"$work/page.html")"
  out="$(wrk -s "$work/answers.lua" "$@" -H "Cookie: $cookie" "$base$path")"
  errors="$(grep -E 'Non-2xx' <<<"$out" || true)"
  [ -z "$errors" ] || fail "$name: GET $path answered errors instead of the page ($(xargs <<<"$errors"))"
  average="$(awk '/^bytes per answer/ { print $4 }' <<<"$out")"
  (( ${average:-0} * 10 >= size * 9 )) \
    || fail "$name: GET $path answered $average bytes on average, the page has $size: not every answer was the page (redirects?)"
  check_page "$name" "$path" "$marker"
  printf '%s\n' "$out"
}

# The Next link of the list at $1.
next_page() {
  page "$1" | sed -n 's/.*id="next-page"[^>]*href="\([^"]*\)".*/\1/p; s/.*href="\([^"]*\)"[^>]*id="next-page".*/\1/p' | head -n 1 | sed 's/&amp;/\&/g'
}

run() {
  local name="$1" path="$2" marker="$3"
  measure "$name" "$path" "$marker" -t1 -c16 -d5s >/dev/null
  local out; out="$(measure "$name" "$path" "$marker" -t1 -c16 -d"${duration}s" --latency)"
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  errors="$(grep -E 'Socket errors' <<<"$out" || true)"
  printf '| %-38s | %9s | %8s | %8s |\n' "$name" "$rps" "$p50" "$p99"
  [ -z "$errors" ] || echo "  $errors"
}

size="${BENCH_USERS:-100000}"
accounts_count="${BENCH_ACCOUNTS:-2000}"
engine="${BENCH_ENGINE:-sqlite}"
engine_name=SQLite; [ "$engine" = sqlite ] || engine_name=PostgreSQL
scale="$(commas "$size") users / $(commas "$accounts_count") accounts on $engine_name"
if wants pages || wants audit; then
  if [ "$engine" = sqlite ]; then
    db="$work/bench-v4-$size-$accounts_count.db"
    ready="$db.ready"
    [ -f "$ready" ] || rm -f "$db" "$db-wal" "$db-shm"
  else
    scripts/ensure-tools.sh >/dev/null
    pg="$(AA_PG_PORT="${BENCH_PG_PORT:-55450}" scripts/postgres.sh start | tail -n 1)"
    db="${pg/Database=postgres/Database=aa_bench_${size}_${accounts_count}}"
    ready="$work/bench-pg-$size-$accounts_count.ready"
  fi
  if [ ! -f "$ready" ]; then
    "${bench[@]}" seed "$db" "$size" "$accounts_count" | tee "$ready.new"
    mv "$ready.new" "$ready"
  fi
  account="$(sed -n 's/^account=//p' "$ready")"
  agency="$(sed -n 's/^agency=//p' "$ready")"
  start_portal "$db"
  sign_in "bench.owner@bench.test" "Bench-Pass-2026!"
fi

if wants pages; then
  users="/accounts/$account/users"
  # One person of the big account, found by the end of their address: user 31337, or at a smaller size one in range.
  person=31337; (( person < size / 2 )) || person=$(( size / 4 ))
  # A page deep in the list: follow the Next link 400 times (rows 20,001 to 20,050).
  deep="$users"
  for _ in $(seq 1 400); do
    next="$(next_page "$deep")"
    [ -n "$next" ] || fail "no next link after $deep"
    deep="$next"
  done

  # The runtime's tiered JIT settles over the first half minute of load: measure the server it becomes.
  echo "Warming up…"
  for path in "$users" "$users?q=garcia" "$users?q=$person%40" "$deep"; do
    measure "warm-up" "$path" 'id="users"' -t1 -c16 -d12s >/dev/null
  done

  echo
  echo "Manage Users, $scale, 16 connections, ${duration}s each ($(nproc) cores):"
  echo
  echo "| page                                   | requests/s |  p50     |  p99     |"
  echo "|----------------------------------------|-----------:|---------:|---------:|"
  run "first page ($(commas $((size / 2)))-user account)" "$users" 'id="users"'
  run "search \"garcia\"" "$users?q=garcia" 'id="users"'
  run "search, one person (\"$person@\")" "$users?q=$person%40" 'id="users"'
  run "page 401 (rows 20,001-20,050)" "$deep" 'id="users"'
  sign_in "agency.admin0@bench.test" "Bench-Pass-2026!"
  all_accounts="/agencies/$agency/accounts"
  measure "warm-up" "$all_accounts" 'id="agency-accounts"' -t1 -c16 -d8s >/dev/null
  run "All Accounts, first page" "$all_accounts" 'id="agency-accounts"'
  run "All Accounts, search \"0042\"" "$all_accounts?q=0042" 'id="agency-accounts"'
  echo "server memory: $(peak_memory)"
  sign_in "bench.owner@bench.test" "Bench-Pass-2026!"
fi

# The audit log over the same database's 1,000,000 events: the big account's log (500,000 of them) as its Owner,
# filtered by a user (an e-mail address, then part of a name), 100 pages deep; then the whole log as support staff.
if wants audit; then
  audit="/accounts/$account/audit"
  audit_deep="$audit"
  for _ in $(seq 1 100); do
    next="$(next_page "$audit_deep")"
    [ -n "$next" ] || fail "no next link after $audit_deep"
    audit_deep="$next"
  done
  for path in "$audit" "$audit?user=bench.owner%40bench.test" "$audit?user=garcia.12" "$audit_deep"; do
    measure "warm-up" "$path" 'id="audit-filters"' -t1 -c16 -d10s >/dev/null
  done
  echo
  echo "Audit log, 1,000,000 events (500,000 in the account), $scale, 16 connections, ${duration}s each:"
  echo
  echo "| page                                   | requests/s |  p50     |  p99     |"
  echo "|----------------------------------------|-----------:|---------:|---------:|"
  run "account log, first page" "$audit" 'id="audit-filters"'
  run "account log, a user by e-mail" "$audit?user=bench.owner%40bench.test" 'id="audit-filters"'
  run "account log, users matching \"garcia.12\"" "$audit?user=garcia.12" 'id="audit-filters"'
  run "account log, page 101" "$audit_deep" 'id="audit-filters"'
  sign_in "bench.support@bench.test" "Bench-Pass-2026!" "$(sed -n 's/^support_key=//p' "$ready")"
  measure "warm-up" "/support/audit" 'id="audit-filters"' -t1 -c16 -d10s >/dev/null
  run "support log, every account" "/support/audit" 'id="audit-filters"'
  run "support log, one action" "/support/audit?action=membership.suspended" 'id="audit-filters"'
  echo "server memory: $(peak_memory)"
fi
[ -z "$server" ] || stop_portal

# The e-mail outbox: queued messages delivered to a local SMTP server (maildev from npm), counted as they arrive there.
if wants email; then
  start_maildev
  echo
  echo "| e-mail | rate | time | at the server |"
  echo "|---|---:|---:|---:|"
  "${bench[@]}" outbox "$work/outbox.db" 127.0.0.1 $smtp "http://127.0.0.1:$mailweb" 2000
fi

# New User with an invitation: the Core call behind the POST; then the POST itself as a browser sends it to the portal
# (sign in, GET the page, POST its form with the antiforgery token, follow nothing), one at a time, first with the
# portal's outbox worker off, then on and delivering the invitations to maildev meanwhile, as in production.
if wants create; then
  start_maildev
  echo
  echo "| create | p50 | p99 |"
  echo "|---|---:|---:|"
  "${bench[@]}" create "$work/create.db" 500
  for worker in false true; do
    rm -f "$work/create-http.db" "$work/create-http.db-wal" "$work/create-http.db-shm"
    start_portal "$work/create-http.db" Email__DeliverInBackground=$worker
    if [ $worker = true ]; then row="the POST over HTTP, the outbox worker sending"; else row="the POST over HTTP, the outbox worker off"; fi
    "${bench[@]}" create-http "$work/create-http.db" "$base" 500 "New User with invitation, $row"
    stop_portal
  done
fi

# Sign-ins per second at 16 connections, each a fresh browser through the sign-in form (and the code page for users
# with an authenticator app), against the rate this machine verifies the password hash at. The per-address limit is
# lifted: every sign-in comes from 127.0.0.1.
if wants signin; then
  rm -f "$work/signin.db" "$work/signin.db-wal" "$work/signin.db-shm"
  start_portal "$work/signin.db" RateLimits__SignInPerMinute=100000
  echo
  echo "| sign-in on SQLite | rate | time | against the hash |"
  echo "|---|---:|---:|---:|"
  "${bench[@]}" signin "$work/signin.db" "$base" "$duration"
  stop_portal
fi

# Bulk Add: server time of preview and apply (Core calls behind the POSTs), and the database commands each takes.
if wants bulk; then
  echo
  echo "| Bulk Add on SQLite, 20,000 users already there | p50 | max | commands | target |"
  echo "|---|---:|---:|---:|---:|"
  "${bench[@]}" bulk "$work/bulk.db"
fi

# Divisions: one of 5,000 accounts and 5,000 users. Core times first, then each page's server time over loopback
# with one connection (so the latency is the server's time, not a queue's).
latency() {
  local name="$1" path="$2" marker="$3" out
  out="$(measure "$name" "$path" "$marker" -t1 -c1 -d"${duration}s" --latency)"
  local size=$(( $(wc -c <"$work/page.html") / 1024 ))
  printf '| %s | %s | %s | %s KB |\n' "$name" "$(awk '$1 == "50%" { print $2 }' <<<"$out")" "$(awk '$1 == "99%" { print $2 }' <<<"$out")" "$size"
}
if wants divisions; then
  echo
  echo "| Divisions on SQLite, 11,000 accounts, 5,001 users | p50 | max | commands | target |"
  echo "|---|---:|---:|---:|---:|"
  divisions="$("${bench[@]}" divisions "$work/divisions.db")"
  grep '^|' <<<"$divisions"
  agency="$(sed -n 's/^agency=//p' <<<"$divisions")"
  division="$(sed -n 's/^division=//p' <<<"$divisions")"
  start_portal "$work/divisions.db"
  sign_in "division.bench@bench.test" "Bench-Pass-2026!"
  division_page="/agencies/$agency/divisions/$division"
  for path in "$division_page" "$division_page?edit=accounts" "$division_page?edit=users"; do
    measure "warm-up" "$path" 'id="division-name"' -t1 -c1 -d8s >/dev/null
  done
  echo
  echo "| division page, one connection | p50 | p99 | HTML |"
  echo "|---|---:|---:|---:|"
  latency "division page (5,000 accounts, 5,000 users)" "$division_page" 'id="division-name"'
  latency "Edit Accounts (11,000 accounts, 100 of each list shown)" "$division_page?edit=accounts" 'id="picker"'
  latency "Edit Assigned Users (5,001 users, 100 of each list shown)" "$division_page?edit=users" 'id="picker"'
  stop_portal
fi

if wants settings; then
  echo
  echo "| Account settings on SQLite, 5,000 agents, 200 groups, 200 routing methods | p50 | max | commands |"
  echo "|---|---:|---:|---:|"
  settings="$("${bench[@]}" settings "$work/settings.db")"
  grep '^|' <<<"$settings"
  account="$(sed -n 's/^account=//p' <<<"$settings")"
  queue="$(sed -n 's/^queue=//p' <<<"$settings")"
  group="$(sed -n 's/^group=//p' <<<"$settings")"
  schedule="$(sed -n 's/^schedule=//p' <<<"$settings")"
  agent="$(sed -n 's/^agent=//p' <<<"$settings")"
  start_portal "$work/settings.db"
  sign_in "settings.bench@bench.test" "Bench-Pass-2026!"
  pages=(
    "routing methods (200)|/accounts/$account/settings/routing|id=\"routing-methods\""
    "a queue of 6,000 agents|/accounts/$account/settings/routing/$queue|id=\"agents\""
    "access control groups (200)|/accounts/$account/settings/groups|id=\"groups\""
    "a group of 6,000 members|/accounts/$account/settings/groups/$group|id=\"members\""
    "schedules (20)|/accounts/$account/settings/schedules|id=\"schedules\""
    "a schedule of 250 agents|/accounts/$account/settings/schedules/$schedule|id=\"schedule-form\""
    "New User (200 groups, 200 routing methods)|/accounts/$account/users/new|id=\"routing-heading\""
    "an agent's page (the same, and their places)|/accounts/$account/users/$agent|id=\"routing-heading\""
  )
  for entry in "${pages[@]}"; do
    IFS='|' read -r _ path marker <<<"$entry"
    measure "warm-up" "$path" "$marker" -t1 -c1 -d5s >/dev/null
  done
  echo
  echo "| settings page, one connection | p50 | p99 | HTML |"
  echo "|---|---:|---:|---:|"
  for entry in "${pages[@]}"; do
    IFS='|' read -r name path marker <<<"$entry"
    latency "$name" "$path" "$marker"
  done
  stop_portal
fi
