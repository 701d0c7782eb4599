#!/usr/bin/env bash
# Counts the SQL statements behind N sign-ins with the embedded H2 database's own query statistics
# (/bench/query-statistics): a few warm-up sign-ins, then statistics switched on afresh, then N sign-ins by one
# virtual user, then every statement with its execution count, and per sign-in: selects, inserts, updates, deletes and
# COMMITs (each transaction that touched the database commits once). The driver's own /bench/state table counts
# (select count(*) ..., before and after) are left out of the totals. Counts do not depend on the machine's load.
#
#   bench/scripts/count-queries.sh NAME N [SignInLoadDriver options, e.g. --flow password+totp --sign-out]
#
# Writes bench/results/NAME.txt.
set -euo pipefail

portal_root=$(cd "$(dirname "$0")/../.." && pwd)
work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
jar=$portal_root/bench/harness/target/bench-harness.jar
base_url=http://localhost:$((8080 + ${MFA_BENCH_PORT_OFFSET:-700}))
name=$1
count=$2
shift 2
result=$portal_root/bench/results/$name.txt
driver() {
    java -cp "$jar" org.mfaportal.bench.load.SignInLoadDriver --users "$work/users.tsv" --server-pid "$(cat "$work/server.pid")" \
        --base-url "$base_url" --concurrency 1 --warm-up 0s --duration 10m --password-check-samples 0 "$@"
}

driver --max-sign-ins 5 "$@" > /dev/null
curl -sf -X POST "$base_url/bench/query-statistics"
driver_output=$(driver --max-sign-ins "$count" "$@")
statistics=$(curl -sf "$base_url/bench/query-statistics")
{
    echo "# $name $(date -u +%Y-%m-%dT%H:%M:%SZ), portal $(cat "$work/portal/COMMIT")"
    echo "# H2 INFORMATION_SCHEMA.QUERY_STATISTICS after POST /bench/query-statistics and $count sign-ins (1 virtual user, after 5 warm-up sign-ins); driver options: $*"
    echo "# per sign-in (the driver's 'select count(*)' table sizes left out):"
    echo "$statistics" | awk -F'\t' -v n="$count" '
        $2 ~ /^select count\(\*\) from [a-z_]+$/ || $2 ~ /INFORMATION_SCHEMA|^CALL / { next }
        { s = tolower($2) }
        s ~ /^select/ { sel += $1 } s ~ /^insert/ { ins += $1 } s ~ /^update/ { upd += $1 } s ~ /^delete/ { del += $1 }
        s ~ /^commit/ { com += $1 } s ~ /^rollback/ { rb += $1 }
        END { printf "#   selects %.2f, inserts %.2f, updates %.2f, deletes %.2f, commits %.2f, rollbacks %.2f\n", sel/n, ins/n, upd/n, del/n, com/n, rb/n }'
    echo "# executions <TAB> statement"
    echo "$statistics" | cut -c1-240
    echo "# driver:"
    echo "$driver_output" | sed 's/^/#   /'
} | tee "$result"
