#!/usr/bin/env bash
# Runs one measurement against the bench server and keeps its output as bench/results/NAME.txt, headed by the
# portal commit and the machine's load just before (the machine is shared: a figure taken while it was busy says so).
#
#   bench/scripts/run.sh NAME load  [SignInLoadDriver options; --users and --server-pid are filled in]
#   bench/scripts/run.sh NAME probe                       (heap after full GC, table sizes, sessions)
#   bench/scripts/run.sh NAME jmh   [JMH options]
#   bench/scripts/run.sh NAME admin [AdminPagesDriver options; --server-pid is filled in]
set -euo pipefail

portal_root=$(cd "$(dirname "$0")/../.." && pwd)
work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
jar=$portal_root/bench/harness/target/bench-harness.jar
base_url=http://localhost:$((8080 + ${MFA_BENCH_PORT_OFFSET:-700}))
name=$1
kind=$2
shift 2
mkdir -p "$portal_root/bench/results"
result=$portal_root/bench/results/$name.txt

{
    echo "# $name ($kind) $(date -u +%Y-%m-%dT%H:%M:%SZ), portal $(cat "$work/portal/COMMIT")"
    echo "# before: $(uptime)"
    top -bn1 | sed -n '3p;7,11p' | sed 's/^/# /'
    case "$kind" in
        load) java -cp "$jar" org.mfaportal.bench.load.SignInLoadDriver --users "$work/users.tsv" --server-pid "$(cat "$work/server.pid")" --base-url "$base_url" "$@" ;;
        probe) java -cp "$jar" org.mfaportal.bench.load.ServerStateProbe --server-pid "$(cat "$work/server.pid")" --base-url "$base_url" "$@" ;;
        jmh) "${BENCH_JAVA:-java}" -jar "$jar" "$@" ;;
        admin) java -cp "$jar" org.mfaportal.bench.load.AdminPagesDriver --server-pid "$(cat "$work/server.pid")" --base-url "$base_url" "$@" ;;
        *) echo "kind must be load, probe, jmh or admin" >&2; exit 2 ;;
    esac
    echo "# after: $(uptime)"
} 2>&1 | tee "$result"
