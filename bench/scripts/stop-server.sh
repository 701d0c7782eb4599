#!/usr/bin/env bash
# Stops the server that start-server.sh started, and only that one: its pid is checked against its command line
# (port offset MFA_BENCH_PORT_OFFSET, default 700, and the bench base directory) so another engineer's WildFly is never touched.
set -euo pipefail

work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
port_offset=${MFA_BENCH_PORT_OFFSET:-700}
source "$(dirname "$0")/lib/stop-recorded-process.sh"
stop_recorded_process "$work/server.pid" "the bench server" "port-offset=$port_offset" "$work/server-base"
