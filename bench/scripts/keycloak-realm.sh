#!/usr/bin/env bash
# Writes the realms start-keycloak.sh imports, from the users file the portal's seeding wrote (same usernames,
# passwords and TOTP users): realm mfa-bench with the portal's default hash (PBKDF2-SHA512, 210,000 iterations) and
# realm mfa-bench-argon2 with Keycloak's argon2 default. Needs the bench built (bench-harness.jar).
#
#   bench/scripts/keycloak-realm.sh [users-file=$MFA_BENCH_WORK/users.tsv] [pbkdf2-iterations=210000]
set -euo pipefail

portal_root=$(cd "$(dirname "$0")/../.." && pwd)
work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
users=${1:-$work/users.tsv}
iterations=${2:-210000}
jar=$portal_root/bench/harness/target/bench-harness.jar
redirect_uri=http://127.0.0.1:${MFA_BENCH_KEYCLOAK_PORT:-18080}/mfa-bench-callback

rm -rf "$work/keycloak/import"
mkdir -p "$work/keycloak/import"
java -cp "$jar" org.mfaportal.bench.keycloak.KeycloakRealmCommand --users "$users" --out "$work/keycloak/import/mfa-bench.json" \
    --realm mfa-bench --hash "pbkdf2-sha512:$iterations" --redirect-uri "$redirect_uri"
java -cp "$jar" org.mfaportal.bench.keycloak.KeycloakRealmCommand --users "$users" --out "$work/keycloak/import/mfa-bench-argon2.json" \
    --realm mfa-bench-argon2 --hash argon2 --redirect-uri "$redirect_uri"
