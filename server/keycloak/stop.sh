#!/usr/bin/env bash
# Stops the Keycloak that server/keycloak/start.sh started.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${ASSAY_KC_WORK:-$(cd "$here/../.." && pwd)/target/keycloak}
pidfile=$work/keycloak.pid
[ -f "$pidfile" ] || { echo "no Keycloak started from $work"; exit 0; }
pid=$(cat "$pidfile")
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
fi
rm -f "$pidfile"
echo "Keycloak stopped"
