#!/usr/bin/env bash
# Installs what the tests need and a fresh machine may lack: Debian's Chromium (for Playwright) and the npm packages.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium…"
  apt_install chromium
fi

for dir in wwwroot-assets AccountAdmin.E2E; do
  lock="$root/$dir/node_modules/.package-lock.json"
  if [ -f "$root/$dir/package.json" ] && { [ ! -f "$lock" ] || [ "$root/$dir/package-lock.json" -nt "$lock" ]; }; then
    echo "Installing the npm packages of $dir…"
    (cd "$root/$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
