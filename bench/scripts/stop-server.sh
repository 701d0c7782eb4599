#!/usr/bin/env bash
# Stops the server that start-server.sh started, and only that one: its pid is checked against its command line
# (port offset MFA_BENCH_PORT_OFFSET, default 700, and the bench base directory) so another engineer's WildFly is never touched.
set -euo pipefail

work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
port_offset=${MFA_BENCH_PORT_OFFSET:-700}
pid_file=$work/server.pid
[ -f "$pid_file" ] || { echo "No $pid_file: nothing started by the bench scripts"; exit 0; }
pid=$(cat "$pid_file")
command_line=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)
if [[ "$command_line" != *"port-offset=$port_offset"* || "$command_line" != *"$work/server-base"* ]]; then
    echo "Process $pid is not the bench server (any more); not stopping it."
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
