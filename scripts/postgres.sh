#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL server on loopback for the tests, installing PostgreSQL if missing.
# Usage: scripts/postgres.sh start|stop   — start prints the connection string on its last line.
set -euo pipefail

port="${AA_PG_PORT:-55432}"
data="${AA_PG_DIR:-${TMPDIR:-/tmp}/accountadmin-pg-$port}"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
}

bin="$(find_bin || true)"
if [ -z "$bin" ]; then
  echo "Installing PostgreSQL…" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; fi
  bin="$(find_bin)"
fi

case "${1:-start}" in
  start)
    if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      if [ ! -f "$data/PG_VERSION" ]; then
        mkdir -p "$data"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
        as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
      fi
      as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
