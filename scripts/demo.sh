#!/bin/sh
# make demo: the whole flow offline, against cfaccess-sandbox — a throwaway vault, a token,
# check-scopes, a fetch, OCSF out, a summary. Leaves nothing behind.
set -eu
bin="${1:-.build/debug}"
work=$(mktemp -d)
sandbox_pid=""
cleanup() {
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The sandbox's built-in token with the "Access: Audit Logs Read" permission (fake by design).
token=cfut_SandboxDemoTokenWithAccessAuditLogsRead0000
account=023e105f4ecef8ad9ca31a8372d0c353

"$bin/cfaccess-sandbox" --records 2500 --seed 42 --fail-every 9 --max-page-size 500 >"$work/sandbox.out" &
sandbox_pid=$!
while ! grep -q listening "$work/sandbox.out" 2>/dev/null; do sleep 0.1; done
base=$(awk '{print $3}' "$work/sandbox.out")

export CFACCESS_HOME="$work/home"
umask 077
echo "demo passphrase, thrown away afterwards" >"$work/passphrase"
cfaccess() { "$bin/cfaccess" --passphrase-file "$work/passphrase" "$@"; }

echo "\$ cfaccess vault init --kdf interactive"
cfaccess vault init --kdf interactive
echo "\$ cfaccess token add demo --from-file -        # the sandbox's demo token, piped"
echo "$token" | cfaccess token add demo --from-file -
echo "\$ cfaccess token check-scopes demo --account $account --base-url $base"
cfaccess token check-scopes demo --account "$account" --base-url "$base"
echo "\$ cfaccess logs fetch --account $account --token demo --since 24h --base-url $base -o events.ndjson"
cfaccess logs fetch --account "$account" --token demo --since 24h --base-url "$base" -o "$work/events.ndjson"
echo "\$ head -n 2 events.ndjson"
head -n 2 "$work/events.ndjson"
python3 - "$work/events.ndjson" <<'PY'
import collections, json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
activities = collections.Counter(e["activity_name"] for e in events)
statuses = collections.Counter(e["status"] for e in events)
print(f"summary: {len(events)} OCSF Authentication events; activities {dict(activities)}; status {dict(statuses)}")
PY
echo "\$ cfaccess logs summary --input events.ndjson --denied --by app --top 3      # which app gets the most denials?"
cfaccess logs summary --input "$work/events.ndjson" --denied --by app --top 3
