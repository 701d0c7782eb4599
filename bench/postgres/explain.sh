#!/usr/bin/env bash
# Plans of the admin pages' queries on PostgreSQL over 100,000 users and 1,000,000 audit events (bench/README.md,
# "PostgreSQL plans"). Starts a throw-away cluster with the test suite's script (port 15438 unless given), applies the
# portal's migrations in order (the same files Flyway runs), seeds with seed.sql, runs queries.sql twice (the second,
# warm run is kept) and writes bench/results/postgres-explain.txt, then stops the cluster.
#   bench/postgres/explain.sh [PORT]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
port=${1:-15438}
dir=$root/target/bench-postgres
out=$root/bench/results/postgres-explain.txt

trap '"$root/src/build/postgres.sh" stop "$dir"' EXIT
"$root/src/build/postgres.sh" start "$dir" "$port"
export PGPASSWORD=portal
psql_portal() {
    psql -X -q -h 127.0.0.1 -p "$port" -U portal -d portal "$@"
}
for migration in $(ls "$root"/src/main/resources/db/migration/V*__*.sql | sort -t V -k 2 -V); do
    psql_portal -v ON_ERROR_STOP=1 -f "$migration" >/dev/null
done
start=$(date +%s)
psql_portal -f "$here/seed.sql" >/dev/null
seeded=$(( $(date +%s) - start ))
psql_portal -f "$here/queries.sql" >/dev/null
{
    echo "# PostgreSQL plans behind /admin/users and /admin/audit, $(date -u +%FT%TZ), portal $(git -C "$root" rev-parse --short HEAD)"
    echo "# $(psql_portal -At -c 'select version()')"
    echo "# $(psql_portal -At -c "select count(*) || ' users, ' || (select count(*) from authenticator) || ' authenticators, ' || (select count(*) from audit_event) || ' audit events' from user_account") (seeded in ${seeded} s)"
    echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    psql_portal -f "$here/queries.sql"
} >"$out" 2>&1
echo "wrote $out"
