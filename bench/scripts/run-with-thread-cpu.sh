#!/usr/bin/env bash
# run.sh with the server's CPU split by kind of thread (request threads, GC, JIT, ...) over the whole run (warm-up
# included), per completed sign-in of the whole run, and optionally a JFR recording of the same run
# (JFR=1: settings=profile, written beside the result as NAME.jfr, summarised by jfr-breakdown.py).
#   bench/scripts/run-with-thread-cpu.sh NAME load [driver options]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
pid=$(cat "$work/server.pid")
name=$1
result=$here/../results/$name.txt
tmp=$(mktemp -d)
if [ "${JFR:-0}" = 1 ]; then
    jcmd "$pid" JFR.start name="$name" settings=profile filename="$work/$name.jfr" > /dev/null
fi
"$here/thread-cpu.py" snapshot "$pid" "$tmp/before"
"$here/run.sh" "$@"
"$here/thread-cpu.py" snapshot "$pid" "$tmp/after"
if [ "${JFR:-0}" = 1 ]; then
    jcmd "$pid" JFR.stop name="$name" > /dev/null
fi
completed=$(grep -E '^whole run' "$result" | grep -oE '[0-9]+ sign-ins completed' | grep -oE '^[0-9]+')
{
    echo "# server CPU by thread kind over the whole run ($completed sign-ins completed, warm-up included)"
    "$here/thread-cpu.py" diff "$tmp/before" "$tmp/after" "$completed" | sed 's/^/# /'
    if [ "${JFR:-0}" = 1 ]; then
        echo "# JFR ($work/$name.jfr), non-hash breakdown:"
        "$here/jfr-breakdown.py" "$work/$name.jfr" | sed 's/^/# /'
    fi
} | tee -a "$result"
rm -rf "$tmp"
