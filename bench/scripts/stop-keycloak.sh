#!/usr/bin/env bash
# Stops the Keycloak that start-keycloak.sh started, and only that one: its pid is checked against its command line
# (this bench's Keycloak home) so no other Java process is ever touched.
set -euo pipefail

work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
version=${MFA_BENCH_KEYCLOAK_VERSION:-26.7.3}
home=$work/keycloak/keycloak-$version
pid_file=$work/keycloak.pid
[ -f "$pid_file" ] || { echo "No $pid_file: nothing started by the bench scripts"; exit 0; }
pid=$(cat "$pid_file")
command_line=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)
if [[ "$command_line" != *"QuarkusEntryPoint"* || "$command_line" != *"kc.home.dir=$home"* ]]; then
    echo "Process $pid is not the bench's Keycloak (any more); not stopping it."
    rm -f "$pid_file"
    exit 0
fi
kill -TERM "$pid"
for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; echo "Stopped $pid"; exit 0; }
    sleep 1
done
kill -KILL "$pid"
rm -f "$pid_file"
echo "Killed $pid after 30 s"
