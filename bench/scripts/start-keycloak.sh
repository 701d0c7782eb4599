#!/usr/bin/env bash
# Starts the Keycloak that fetch-keycloak.sh unpacked and built, as the anchor of the benchmark (issue 14): production
# mode (`start --optimized`, plain HTTP allowed, hostname not strict) on 127.0.0.1 only, HTTP port
# MFA_BENCH_KEYCLOAK_PORT (default 18080), management port (health) MFA_BENCH_KEYCLOAK_MANAGEMENT_PORT (default 19000),
# Keycloak's own default heap (-Xms64m -Xmx512m; MFA_BENCH_KEYCLOAK_HEAP overrides), embedded H2 in a file, fresh
# unless --keep-data. Imports every realm file in $MFA_BENCH_WORK/keycloak/import (keycloak-realm.sh writes them).
# Pid in $MFA_BENCH_WORK/keycloak.pid.
#
#   bench/scripts/start-keycloak.sh [--keep-data]
set -euo pipefail

work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
version=${MFA_BENCH_KEYCLOAK_VERSION:-26.7.3}
home=$work/keycloak/keycloak-$version
http_port=${MFA_BENCH_KEYCLOAK_PORT:-18080}
management_port=${MFA_BENCH_KEYCLOAK_MANAGEMENT_PORT:-19000}
keep_data=false
[ "${1:-}" = "--keep-data" ] && keep_data=true

[ -x "$home/bin/kc.sh" ] || { echo "No Keycloak in $home: run bench/scripts/fetch-keycloak.sh first" >&2; exit 1; }
for port in "$http_port" "$management_port"; do
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
        echo "Something already answers on 127.0.0.1:$port; stop it first (bench/scripts/stop-keycloak.sh)." >&2
        exit 1
    fi
done
ls "$work"/keycloak/import/*.json > /dev/null 2>&1 || { echo "No realm in $work/keycloak/import: run bench/scripts/keycloak-realm.sh first" >&2; exit 1; }

[ "$keep_data" = true ] || rm -rf "$home/data/h2"
rm -rf "$home/data/import"
mkdir -p "$home/data/import"
cp "$work"/keycloak/import/*.json "$home/data/import/"

# `start` rather than `start-dev`: production defaults (theme and template caching on, no dev-mode overrides), as a
# deployment would run; http-enabled and hostname-strict=false are what it needs without TLS and a hostname.
[ -n "${MFA_BENCH_KEYCLOAK_HEAP:-}" ] && export JAVA_OPTS_KC_HEAP="$MFA_BENCH_KEYCLOAK_HEAP"
nohup "$home/bin/kc.sh" start --optimized \
    --http-enabled=true --http-host=127.0.0.1 --http-port="$http_port" \
    --http-management-host=127.0.0.1 --http-management-port="$management_port" \
    --hostname-strict=false --import-realm \
    > "$work/keycloak/server.out" 2>&1 < /dev/null &
script_pid=$!

# Importing hashes every user's password with the realm's policy: minutes on a busy machine.
ready=false
for _ in $(seq 1 "${MFA_BENCH_KEYCLOAK_START_TIMEOUT:-1200}"); do
    if curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$management_port/health/ready" | grep -q 200; then
        ready=true
        break
    fi
    kill -0 "$script_pid" 2>/dev/null || break
    sleep 1
done
# The JVM that kc.sh runs: its command line names this Keycloak's home.
pid=$(pgrep -f -- "QuarkusEntryPoint" | while read -r candidate; do
    [ "$(readlink "/proc/$candidate/exe" 2>/dev/null | xargs -r basename)" = java ] \
        && tr '\0' ' ' < "/proc/$candidate/cmdline" | grep -q -- "kc.home.dir=$home" && echo "$candidate"; done | head -n 1)
# Recorded even when not ready, so stop-keycloak.sh can stop it.
[ -n "$pid" ] && echo "$pid" > "$work/keycloak.pid"
[ "$ready" = true ] && [ -n "$pid" ] || { echo "Keycloak did not get ready: see $work/keycloak/server.out" >&2; grep -v health "$work/keycloak/server.out" | tail -5 >&2; exit 1; }
echo "Keycloak $version on http://127.0.0.1:$http_port/ (pid $pid, management 127.0.0.1:$management_port, realms: $(cd "$work/keycloak/import" && ls *.json | tr '\n' ' '))"
