#!/bin/sh
# Verifies the systemd units in contrib/systemd with systemd-analyze, ExecStart pointed at the
# built binary. systemd-analyze exits 0 even when it warns, so any output is a failure.
set -eu
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/debug/cfaccess}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for unit in contrib/systemd/*; do
  sed "s|/usr/local/bin/cfaccess|$binary|" "$unit" > "$work/$(basename "$unit")"
done
# A template is verified through an instance of it.
cp "$work/cfaccess-feed@.service" "$work/cfaccess-feed@prod.service"
cp "$work/cfaccess-feed@.timer" "$work/cfaccess-feed@prod.timer"
output=$(cd "$work" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no cfaccess-feeds.service cfaccess-feed@prod.service cfaccess-feed@prod.timer 2>&1) || true
if [ -n "$output" ]; then
  echo "systemd-analyze verify found problems:"
  echo "$output"
  exit 1
fi
echo "systemd units: verified (cfaccess-feeds.service, cfaccess-feed@.service, cfaccess-feed@.timer)"
