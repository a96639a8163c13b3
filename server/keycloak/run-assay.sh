#!/usr/bin/env bash
# Runs Assay in oidc mode against a local Keycloak, in one step: starts Keycloak with the assay
# realm (server/keycloak/start.sh), runs ./mvnw liberty:run with the issuer and the portal
# client's secret, and stops Keycloak when Assay stops.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
port=${ASSAY_KC_PORT:-8180}
work=${ASSAY_KC_WORK:-$root/target/keycloak}
export ASSAY_PORTAL_URL=${ASSAY_PORTAL_URL:-http://localhost:${ASSAY_HTTP_PORT:-9080}}
"$here/start.sh" "$port"
trap '"$here/stop.sh"' EXIT
# shellcheck disable=SC1091
source "$work/keycloak.env"
export ASSAY_AUTH_MODE=oidc
export ASSAY_OIDC_CLIENT_ID=assay-portal
export ASSAY_OIDC_CLIENT_SECRET=$ASSAY_KC_PORTAL_SECRET
cd "$root"
./mvnw liberty:run "$@"
