#!/usr/bin/env bash
# Starts a real Keycloak for development and tests, on 127.0.0.1, in dev mode with an in-memory
# database and the realms of this folder imported, and waits until it is ready. ASSAY_KC_DIST may
# name an unpacked distribution (the integration tests use the one Maven unpacks).
#
#   server/keycloak/start.sh [port]        (default 8180)
#
# The server distribution comes from Maven Central through the Maven wrapper
# (org.keycloak:keycloak-quarkus-dist) and is unpacked under target/keycloak. Secrets are never
# committed: the demo users' password and the client secrets come from the environment
# (ASSAY_KC_DEMO_PASSWORD, ASSAY_KC_PORTAL_SECRET, ASSAY_KC_CI_SECRET, KC_BOOTSTRAP_ADMIN_PASSWORD);
# any that is unset is generated and written, with the issuer, to target/keycloak/keycloak.env
# (mode 600), which server/keycloak/stop.sh and the oidc run script read.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=${KEYCLOAK_VERSION:-26.5.6}
port=${1:-${ASSAY_KC_PORT:-8180}}
work=${ASSAY_KC_WORK:-$root/target/keycloak}
dist=${ASSAY_KC_DIST:-$work/keycloak-$version}
mkdir -p "$work"

if [ -f "$work/keycloak.pid" ] && kill -0 "$(cat "$work/keycloak.pid")" 2>/dev/null; then
  echo "Keycloak is already running (pid $(cat "$work/keycloak.pid")); stop it with server/keycloak/stop.sh" >&2
  exit 1
fi

if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
  exec 3<&- 3>&-
  echo "Port $port on 127.0.0.1 is in use (another Keycloak?); choose another: server/keycloak/start.sh <port>" >&2
  exit 1
fi

if [ ! -f "$dist/bin/kc.sh" ]; then
  echo "Fetching Keycloak $version from Maven Central"
  "$root/mvnw" -q -B -ntp -f "$root/pom.xml" dependency:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -DoutputDirectory="$work" -Dmdep.stripVersion=false
  (cd "$work" && jar xf "keycloak-quarkus-dist-$version.zip" && rm "keycloak-quarkus-dist-$version.zip")
fi
chmod +x "$dist"/bin/*.sh

secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=' ; }
generated=()
for var in ASSAY_KC_DEMO_PASSWORD ASSAY_KC_PORTAL_SECRET ASSAY_KC_CI_SECRET KC_BOOTSTRAP_ADMIN_PASSWORD; do
  if [ -z "${!var:-}" ]; then
    printf -v "$var" '%s' "$(secret)"
    generated+=("$var")
  fi
  export "${var?}"
done
export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-kcadmin}
export ASSAY_PORTAL_URL=${ASSAY_PORTAL_URL:-http://localhost:9080}
export ASSAY_OIDC_AUDIENCE=${ASSAY_OIDC_AUDIENCE:-assay}
# Temurin 25 needs this at shutdown; harmless on 17.
export JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:-} --add-opens=java.base/java.lang=ALL-UNNAMED"

issuer="http://127.0.0.1:$port/realms/assay"
umask 077
cat > "$work/keycloak.env" <<ENV
export ASSAY_OIDC_ISSUER=$issuer
export ASSAY_KC_DEMO_PASSWORD=$ASSAY_KC_DEMO_PASSWORD
export ASSAY_KC_PORTAL_SECRET=$ASSAY_KC_PORTAL_SECRET
export ASSAY_KC_CI_SECRET=$ASSAY_KC_CI_SECRET
export KC_BOOTSTRAP_ADMIN_USERNAME=$KC_BOOTSTRAP_ADMIN_USERNAME
export KC_BOOTSTRAP_ADMIN_PASSWORD=$KC_BOOTSTRAP_ADMIN_PASSWORD
ENV

mkdir -p "$dist/data/import"
rm -f "$dist"/data/import/*.json
cp "$here"/realm-*.json "$dist/data/import/"

echo "Starting Keycloak $version on http://127.0.0.1:$port (log: $work/keycloak.log)"
nohup "$dist/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$port" \
  --hostname="http://127.0.0.1:$port" --health-enabled=true --http-management-health-enabled=false \
  --db=dev-mem --import-realm > "$work/keycloak.log" 2>&1 &
echo $! > "$work/keycloak.pid"

ready() {
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET /health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  local status
  status=$(head -n 1 <&3 || true)
  exec 3<&- 3>&-
  [[ "$status" == *" 200"* ]]
}
# Generous: on a busy 2-core machine a first start (schema, realm import) has taken 2 minutes and more.
for _ in $(seq 1 720); do
  if ready; then
    echo "Keycloak is ready: issuer $issuer"
    if [ ${#generated[@]} -gt 0 ]; then
      echo "Generated (shown once; also in $work/keycloak.env): ${generated[*]}"
      echo "  demo users owner, owner2, auditor, admin: password $ASSAY_KC_DEMO_PASSWORD"
    fi
    exit 0
  fi
  if ! kill -0 "$(cat "$work/keycloak.pid")" 2>/dev/null; then
    echo "Keycloak exited; see $work/keycloak.log" >&2
    tail -n 30 "$work/keycloak.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "Keycloak was not ready within 360 s; see $work/keycloak.log" >&2
exit 1
