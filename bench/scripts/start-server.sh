#!/usr/bin/env bash
# Starts the WildFly that build.sh configured, with the bench WAR, on port offset MFA_BENCH_PORT_OFFSET (default 700:
# HTTP localhost:8780, management 10690; two engineers on one machine take different offsets), with its own base
# directory (configuration, data, logs) and a fresh database unless --keep-data.
set -euo pipefail

portal_root=$(cd "$(dirname "$0")/../.." && pwd)
work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
port_offset=${MFA_BENCH_PORT_OFFSET:-700}
http_port=$((8080 + port_offset))
server=$work/portal/target/wildfly-39.0.1.Final
base=$work/server-base
war=$portal_root/bench/seeding-war/target/mfa-portal-bench.war
# A fixed heap, so "heap after GC" figures of different runs compare; G1 as the JVM picks it on this machine.
heap=${MFA_BENCH_HEAP:--Xms1g -Xmx1g}
keep_data=false
[ "${1:-}" = "--keep-data" ] && keep_data=true

if curl -s -o /dev/null --max-time 2 http://localhost:$http_port/; then
    echo "Something already answers on localhost:$http_port; stop it first (bench/scripts/stop-server.sh)." >&2
    exit 1
fi
[ -f "$war" ] || { echo "$war is missing: run bench/scripts/build.sh first" >&2; exit 1; }

[ -x "$server/bin/standalone.sh" ] || { echo "No server in $server: run bench/scripts/build.sh first" >&2; exit 1; }
grep -q 'application-security-domain name="mfa-portal"' "$server/standalone/configuration/standalone.xml" \
    || { echo "$server is not configured for the portal: run bench/scripts/build.sh again" >&2; exit 1; }

if [ "$keep_data" = false ] || [ ! -d "$base" ]; then
    rm -rf "$base"
    mkdir -p "$base/deployments"
    cp -r "$server/standalone/configuration" "$base/configuration"
fi
# Secrets are sealed with this key: kept beside the data so --keep-data still opens them.
[ -f "$base/secret-key" ] || head -c 32 /dev/urandom | base64 > "$base/secret-key"
rm -f "$base"/deployments/mfa-portal.war*
cp "$war" "$base/deployments/mfa-portal.war"

# The HTTPS listener (wildfly-config/https.cli) needs a key store: the build's throw-away one for localhost.
JBOSS_JAVA_SIZING="$heap" MFA_TLS_KEY_STORE="${MFA_TLS_KEY_STORE:-$work/portal/target/tls/localhost.p12}" \
    MFA_TLS_KEY_STORE_PASSWORD="${MFA_TLS_KEY_STORE_PASSWORD:-throw-away-localhost}" nohup "$server/bin/standalone.sh" \
    -Djboss.server.base.dir="$base" \
    -Djboss.socket.binding.port-offset=$port_offset \
    -Dmfa.secret-key="$(cat "$base/secret-key")" \
    > "$work/server.out" 2>&1 < /dev/null &

# Bounded wait for the deployment scanner's verdict.
for _ in $(seq 1 180); do
    if [ -f "$base/deployments/mfa-portal.war.deployed" ] && curl -s -o /dev/null --max-time 5 http://localhost:$http_port/login; then
        break
    fi
    if [ -f "$base/deployments/mfa-portal.war.failed" ]; then
        echo "Deployment failed:" >&2
        cat "$base/deployments/mfa-portal.war.failed" >&2
        exit 1
    fi
    sleep 1
done
pid=$(pgrep -f -- "-Djboss.server.base.dir=$base .*port-offset=$port_offset" | while read -r candidate; do
    [ "$(readlink "/proc/$candidate/exe" 2>/dev/null | xargs -r basename)" = java ] && echo "$candidate"; done | head -n 1)
[ -n "$pid" ] || { echo "The server did not start: see $work/server.out" >&2; exit 1; }
echo "$pid" > "$work/server.pid"
[ -f "$base/deployments/mfa-portal.war.deployed" ] || { echo "Not deployed after 180 s: see $base/log/server.log" >&2; exit 1; }
echo "Portal $(cat "$work/portal/COMMIT") with bench support on http://localhost:$http_port/ (server pid $pid, base dir $base)"
