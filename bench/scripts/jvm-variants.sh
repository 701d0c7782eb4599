#!/usr/bin/env bash
# The portal's sign-in load under several JVM settings, one after the other in one session (issue 14: the smallest
# heap that holds the load, the garbage collector, JDK 17 against 25). For each variant: start the bench server with
# its users kept (start-server.sh --keep-data), the same load as compare-keycloak.sh (no sign-out: sessions pile up as
# they would), rep 1 after the warm-up and rep 2 after a short one, then the server's RSS, its garbage collections
# (jstat) and its heap after a full GC, and stop it. Writes bench/results/NAME.txt.
#
#   bench/scripts/jvm-variants.sh NAME [options] 'LABEL|JAVA_HOME or -|HEAP AND GC OPTIONS' ...
#     --flow password+totp   --concurrency 16   --warm-up 60s   --duration 30s
#   e.g. jvm-variants.sh heap-sweep 'g1-1g|-|-Xms1g -Xmx1g' 'serial-256m|-|-Xms256m -Xmx256m -XX:+UseSerialGC' \
#        'serial-256m-jdk25|/usr/lib/jvm/temurin-25-jdk-amd64|-Xms256m -Xmx256m -XX:+UseSerialGC'
# MALLOC_ARENA_MAX and other environment variables of the caller reach the server. Needs a bench base directory whose
# database has the users of $MFA_BENCH_WORK/users.tsv (start-server.sh and SeedUsersCommand once, as in README step 3).
set -euo pipefail

portal_root=$(cd "$(dirname "$0")/../.." && pwd)
work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
jar=$portal_root/bench/harness/target/bench-harness.jar
base_url=http://localhost:$((8080 + ${MFA_BENCH_PORT_OFFSET:-700}))
name=${1:?result name}
shift
flow=password+totp
concurrency=16
warm_up=60s
duration=30s
while [ $# -gt 0 ]; do
    case "$1" in
        --flow) flow=$2; shift 2 ;;
        --concurrency) concurrency=$2; shift 2 ;;
        --warm-up) warm_up=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --*) echo "Unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || { echo "Name at least one variant: 'LABEL|JAVA_HOME or -|HEAP AND GC OPTIONS'" >&2; exit 2; }
[ -f "$work/server.pid" ] && { echo "A bench server is running ($work/server.pid): stop it first" >&2; exit 1; }
mkdir -p "$portal_root/bench/results"
result=$portal_root/bench/results/$name.txt

run_variant() {
    local label=$1 java_home=$2 heap=$3
    echo "## variant $label: $heap, MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset}"
    local jdk=()
    [ "$java_home" = - ] || jdk=(JAVA_HOME="$java_home")
    env "${jdk[@]}" MFA_BENCH_HEAP="$heap" "$portal_root/bench/scripts/start-server.sh" --keep-data
    local pid
    pid=$(cat "$work/server.pid")
    echo "# server JVM: $(readlink "/proc/$pid/exe"), $("/proc/$pid/exe" -version 2>&1 | head -n 1)"
    for rep in 1 2; do
        local rep_warm_up=$warm_up
        [ "$rep" = 2 ] && rep_warm_up=5s
        echo "### $label rep $rep"
        java -cp "$jar" org.mfaportal.bench.load.SignInLoadDriver --users "$work/users.tsv" --server-pid "$pid" \
            --base-url "$base_url" --flow "$flow" --concurrency "$concurrency" --warm-up "$rep_warm_up" --duration "$duration"
    done
    echo "### $label after the reps"
    grep -E 'VmRSS|VmHWM' "/proc/$pid/status"
    jstat -gcutil "$pid"
    # with -XX:NativeMemoryTracking=summary among the variant's options: where the memory beside the heap goes
    [[ "$heap" == *NativeMemoryTracking* ]] && jcmd "$pid" VM.native_memory summary | grep -E '^(Total|-)'
    jcmd "$pid" GC.run > /dev/null
    jcmd "$pid" GC.heap_info | tail -n +2
    "$portal_root/bench/scripts/stop-server.sh"
}

{
    echo "# $name (JVM variants) $(date -u +%Y-%m-%dT%H:%M:%SZ), portal $(cat "$work/portal/COMMIT"); flow $flow, concurrency $concurrency, warm-up $warm_up, 2 reps of $duration"
    echo "# before: $(uptime)"
    for variant in "$@"; do
        IFS='|' read -r label java_home heap <<< "$variant"
        run_variant "$label" "$java_home" "$heap"
    done
    echo "## summary: variant, sign-ins/s rep 1 rep 2, server CPU per sign-in rep 1 rep 2, RSS after, full GCs and their seconds"
} 2>&1 | tee "$result.raw"

# One line per variant from the raw output above.
awk '
    /^## variant / { label = $3; sub(":", "", label); order[++n] = label }
    /^sign-ins\/s/ { rate[label] = rate[label] " " $2 }
    /^server CPU/ { cpu[label] = cpu[label] " " $3 }
    /^VmRSS/ { rss[label] = int($2 / 1024) " MiB" }
    /^ *S0 / { getline; gc[label] = $(NF-4) " full GCs, " $(NF-3) " s" }
    END { for (i = 1; i <= n; i++) { l = order[i]; printf "%-24s sign-ins/s%s; ms CPU per sign-in%s; RSS %s; %s\n", l, rate[l], cpu[l], rss[l], gc[l] } }
' "$result.raw" | tee "$result.summary"
cat "$result.raw" "$result.summary" > "$result"
rm -f "$result.raw" "$result.summary"
