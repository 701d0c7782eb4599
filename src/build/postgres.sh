#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: `postgres.sh start DIR PORT` creates a fresh cluster in DIR
# (removing what a previous run left there), listens on 127.0.0.1:PORT only, creates the database `portal` owned by
# the role `portal` (password `portal`, no superuser) and returns once the server accepts connections.
# `postgres.sh stop DIR` stops it. The build runs start before and stop after the integration tests; the cluster
# check (src/it/cluster/) uses it too.
#
# Uses Debian's `postgresql` package (/usr/lib/postgresql/<version>/bin) or whatever `pg_ctl` is on the PATH.
# initdb refuses to run as root: as root the cluster belongs to the `postgres` user the package creates.
set -euo pipefail

usage() {
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
}

find_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ]; then
            echo "$dir"
            return
        fi
    done
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    cat >&2 <<'EOF'
PostgreSQL is not installed, but the test suite runs the in-container tests against PostgreSQL too.
Install it (Debian/Ubuntu: apt-get install -y postgresql; .ci/run does this), or skip that suite with
-Dpostgres.skip=true (see README, "Test it").
EOF
    exit 1
}

# Runs a PostgreSQL program as the owner of the cluster (the `postgres` user when we are root).
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop_cluster() {
    local dir=$1 bindir
    if [ -f "$dir/data/postmaster.pid" ]; then
        bindir=$(find_bindir)
        as_owner "$bindir/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 >/dev/null || true
    fi
}

start_cluster() {
    local dir=$1 port=$2 bindir
    bindir=$(find_bindir)
    stop_cluster "$dir"
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$dir"
    fi
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # Loopback only, its own socket directory; durability switched off: the data is thrown away after the run.
    as_owner "$bindir/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    local waited=0
    until as_owner "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; do
        waited=$((waited + 1))
        if [ "$waited" -gt 600 ]; then
            echo "PostgreSQL on port $port did not become ready; see $dir/server.log" >&2
            exit 1
        fi
        sleep 0.1
    done
    as_owner "$bindir/psql" -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
        -c "create role portal login password 'portal'" \
        -c "create database portal owner portal" >/dev/null
    echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port (data in $dir)"
}

[ $# -ge 2 ] || usage
case $1 in
    start) [ $# -eq 3 ] || usage; start_cluster "$2" "$3" ;;
    stop) stop_cluster "$2" ;;
    *) usage ;;
esac
