#!/usr/bin/env bash
# Fetches Keycloak's distribution (org.keycloak:keycloak-quarkus-dist, zip) from Maven Central through Maven, unpacks it
# in $MFA_BENCH_WORK/keycloak and builds it once for the bench (kc.sh build): embedded H2 database in a file
# (dev-file, as the portal's H2), local caches (no cluster discovery), health endpoints on the management port.
# Offline when the zip is already in ~/.m2.
#
#   bench/scripts/fetch-keycloak.sh            (MFA_BENCH_KEYCLOAK_VERSION, default 26.7.3)
set -euo pipefail

portal_root=$(cd "$(dirname "$0")/../.." && pwd)
work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
version=${MFA_BENCH_KEYCLOAK_VERSION:-26.7.3}
home=$work/keycloak/keycloak-$version
unpack=(org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack
    "-Dartifact=org.keycloak:keycloak-quarkus-dist:$version:zip" "-DoutputDirectory=$work/keycloak" -Dmdep.overWriteReleases=true)

if [ ! -x "$home/bin/kc.sh" ]; then
    mkdir -p "$work/keycloak"
    "$portal_root/mvnw" -q -o "${unpack[@]}" 2>/dev/null || "$portal_root/mvnw" -q "${unpack[@]}"
fi
[ -x "$home/bin/kc.sh" ] || { echo "No $home/bin/kc.sh after unpacking" >&2; exit 1; }
# Build-time options; start-keycloak.sh starts with --optimized, so the start does not build again.
"$home/bin/kc.sh" build --db=dev-file --cache=local --health-enabled=true > "$work/keycloak/build.out" 2>&1 \
    || { cat "$work/keycloak/build.out" >&2; exit 1; }
echo "Keycloak $version in $home (built: dev-file database, local caches, health on)"
