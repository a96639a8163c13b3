#!/usr/bin/env bash
# Regenerates the sample reports in this folder from the demo data: start a fresh server with
#   rm -rf /tmp/assay-samples && ASSAY_DATA_DIR=/tmp/assay-samples ASSAY_ADMIN_PASSWORD=change-me ./mvnw liberty:run
# then, from the repository root, run
#   reports/samples/regenerate.sh
# It fetches, for each demo version, the canonical JSON report, its detached JWS, the PAdES-signed
# PDF and the DSSE attestation, and the public keys (jwks.json) to verify them with. The samples are
# signed by the key that fresh server generated; only its public half is kept here.
set -euo pipefail
B=${ASSAY_URL:-http://localhost:9080}
PASSWORD=${ASSAY_ADMIN_PASSWORD:-change-me}
cd "$(dirname "$0")"

TOKEN=$(curl --fail -sS -u "admin:$PASSWORD" -H 'Content-Type: application/json' \
  -d '{"name":"samples","roles":["auditor"],"expiresInDays":1}' "$B/api/v1/tokens" \
  | sed -E 's/.*"token":"([^"]+)".*/\1/')
AUTH="Authorization: Bearer $TOKEN"

for VERSION in 1.0.0 1.1.0; do
  AUDIT=$(curl --fail -sS -H "$AUTH" "$B/api/v1/models/loan-approval/versions/$VERSION/gate" \
    | sed -E 's/.*"audit":"([^"]+)".*/\1/')
  OUT="loan-approval-$VERSION"
  curl --fail -sS -H "$AUTH" -H 'Accept: application/json' "$B/api/v1/audits/$AUDIT/report" -o "$OUT.report.json"
  curl --fail -sS -H "$AUTH" "$B/api/v1/audits/$AUDIT/report.jws" -o "$OUT.report.jws"
  curl --fail -sS -H "$AUTH" -H 'Accept: application/pdf' "$B/api/v1/audits/$AUDIT/report" -o "$OUT.report.pdf"
  curl --fail -sS -H "$AUTH" "$B/api/v1/audits/$AUDIT/attestation" -o "$OUT.attestation.dsse.json"
  echo "$OUT: audit $AUDIT"
done
curl --fail -sS "$B/.well-known/jwks.json" -o jwks.json
