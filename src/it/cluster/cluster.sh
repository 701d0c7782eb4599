#!/usr/bin/env bash
# Two WildFly 39 nodes (standalone-ha.xml) on a shared PostgreSQL behind WildFly's own mod_cluster balancer
# (standalone-load-balancer.xml), all on loopback, all under target/cluster/. Configured with the same wildfly-config/
# scripts an operator runs (portal.cli, datasource-postgresql.cli, cluster/node.cli, cluster/balancer.cli).
# Needs a built project (./mvnw verify or package: target/wildfly-*, the org.postgresql module, target/mfa-portal.war).
#
#   cluster.sh up WAR         PostgreSQL, balancer, node-a, node-b; returns when both nodes serve WAR through the balancer
#   cluster.sh down           stops everything it started (each process by its recorded pid)
#   cluster.sh kill NODE      kill -9 of a node (node-a | node-b)
#   cluster.sh start NODE     starts a node again (same data) and waits until the balancer routes to it
#
# Ports (loopback): PostgreSQL 15433; balancer HTTP 9080 (offset 1000, MCMP 9090); node-a HTTP 8880 (offset 800,
# management 10790, JGroups 8400); node-b HTTP 8980 (offset 900, management 10890, JGroups 8500). Override the
# PostgreSQL port with CLUSTER_POSTGRES_PORT.
set -euo pipefail

root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$root/target/cluster
jboss_home=$(ls -d "$root"/target/wildfly-*/ 2>/dev/null | head -1)
jboss_home=${jboss_home%/}
pg_port=${CLUSTER_POSTGRES_PORT:-15433}
balancer_offset=1000
# The secret key of this throw-away cluster only (TOTP secrets are sealed with it; every node needs the same key).
secret_key=7Oq6eGRgHtqJQn9Jc4TzDFxkd0xVbQq5dCwJvRvlNUE=
public_url=http://localhost:$((8080 + balancer_offset))

offset_of() {
    case $1 in
        node-a) echo 800 ;;
        node-b) echo 900 ;;
        balancer) echo "$balancer_offset" ;;
        *) echo "unknown node: $1" >&2; exit 2 ;;
    esac
}

log() {
    echo "[cluster] $*"
}

# Waits until a command succeeds, at most $1 seconds, polling every half second.
await() {
    local limit=$1 what=$2 started
    shift 2
    started=$(date +%s)
    until "$@" >/dev/null 2>&1; do
        if [ $(( $(date +%s) - started )) -ge "$limit" ]; then
            echo "[cluster] gave up after ${limit}s waiting for: $what" >&2
            return 1
        fi
        sleep 0.5
    done
}

cli() {
    local controller=$1
    shift
    JBOSS_HOME=$jboss_home "$jboss_home/bin/jboss-cli.sh" -c --controller="127.0.0.1:$controller" "$@"
}

# One configuration file, configured once by the operator scripts in an embedded (offline) server, then copied into
# each node's own base directory (configuration, deployments, data, log, tmp).
configure() {
    local profile=$1 result=$2 scripts=$3 file
    cp "$jboss_home/standalone/configuration/$profile.xml" "$jboss_home/standalone/configuration/$result.xml"
    {
        echo "embed-server --server-config=$result.xml --std-out=discard"
        for file in $scripts; do
            cat "$file"
            echo
        done
        echo "stop-embedded-server"
    } >"$work/$result.cli"
    JBOSS_HOME=$jboss_home "$jboss_home/bin/jboss-cli.sh" --file="$work/$result.cli" >"$work/$result.cli.log" 2>&1 \
        || { cat "$work/$result.cli.log" >&2; exit 1; }
    mv "$jboss_home/standalone/configuration/$result.xml" "$work/$result.xml"
}

prepare_base() {
    local name=$1 config=$2 base=$work/$1
    mkdir -p "$base/configuration" "$base/deployments"
    cp "$jboss_home"/standalone/configuration/{logging.properties,application-roles.properties,application-users.properties,mgmt-groups.properties,mgmt-users.properties} "$base/configuration/"
    cp "$work/$config.xml" "$base/configuration/$config.xml"
}

start_process() {
    local name=$1 config=$2 offset base=$work/$1
    shift 2
    offset=$(offset_of "$name")
    log "starting $name (port offset $offset)"
    (
        export LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE=$base/server.pid
        export PORTAL_DB_URL=jdbc:postgresql://127.0.0.1:$pg_port/portal PORTAL_DB_USER=portal PORTAL_DB_PASSWORD=portal
        export JAVA_OPTS="-Xms256m -Xmx640m -Djava.net.preferIPv4Stack=true"
        setsid nohup "$jboss_home/bin/standalone.sh" -c "$config.xml" \
            -Djboss.server.base.dir="$base" -Djboss.node.name="$name" \
            -Djboss.socket.binding.port-offset="$offset" \
            -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.private=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 \
            "$@" >"$base/console.log" 2>&1 </dev/null &
    )
}

start_node() {
    local name=$1
    start_process "$name" standalone-ha-portal \
        -Dmfa.cluster.member-1.port=$((7600 + $(offset_of node-a))) -Dmfa.cluster.member-2.port=$((7600 + $(offset_of node-b))) \
        -Dmfa.balancer.port=$((8090 + balancer_offset)) \
        -Dmfa.secret-key=$secret_key -Dmfa.public-url="$public_url" \
        -Dmfa.webauthn.rp-id=localhost -Dmfa.webauthn.origins="$public_url" \
        -Dmfa.smtp.host=127.0.0.1 -Dmfa.smtp.port=$((2525 + balancer_offset))
}

# True when GET PATH on 127.0.0.1:PORT answers 200 (bash's /dev/tcp: no curl needed).
answers_200() {
    local port=$1 path=$2 status
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
    read -r -t 30 status <&3 || status=
    exec 3<&- 3>&-
    [[ $status == *" 200 "* ]]
}

node_serves() {
    ( answers_200 $((8080 + $(offset_of "$1"))) /login )
}

# The context being enabled is not enough: a node that (re)registers stays in error (NODE_DOWN) until its first load
# report, and a request that must fail over to it meanwhile gets the balancer's 503.
balancer_routes_to() {
    local node=/subsystem=undertow/configuration=filter/mod-cluster=load-balancer/balancer=mycluster/node=$1
    cli $((9990 + balancer_offset)) --command="$node:read-attribute(name=status)" | grep -q '"result" => "NODE_UP"' \
        && cli $((9990 + balancer_offset)) --command="$node/context=\/:read-attribute(name=status)" | grep -q '"result" => "enabled"'
}

# True when node-a's JGroups view (TCP, static member list) holds both nodes.
cluster_view_formed() {
    cli $((9990 + $(offset_of node-a))) --command="/subsystem=jgroups/channel=ee:read-attribute(name=view)" | grep -q 'node-a.*node-b\|node-b.*node-a'
}

await_node() {
    local name=$1
    await 600 "$name serves the portal" node_serves "$name"
    await 300 "the balancer routes to $name" balancer_routes_to "$name"
    log "$name is up and registered with the balancer"
}

up() {
    local war=$1
    [ -n "$jboss_home" ] && [ -d "$jboss_home/modules/org/postgresql" ] \
        || { echo "Build the project first (./mvnw verify): no configured WildFly with the org.postgresql module under target/" >&2; exit 1; }
    [ -f "$war" ] || { echo "No WAR at $war" >&2; exit 1; }
    down quietly
    rm -rf "$work"
    mkdir -p "$work"
    "$root/src/build/postgres.sh" start "$work/postgres" "$pg_port"
    configure standalone-ha standalone-ha-portal \
        "$root/wildfly-config/portal.cli $root/wildfly-config/datasource-postgresql.cli $root/wildfly-config/cluster/node.cli"
    configure standalone-load-balancer standalone-load-balancer-portal "$root/wildfly-config/cluster/balancer.cli"
    prepare_base balancer standalone-load-balancer-portal
    prepare_base node-a standalone-ha-portal
    prepare_base node-b standalone-ha-portal
    cp "$war" "$work/node-a/deployments/mfa-portal.war"
    cp "$war" "$work/node-b/deployments/mfa-portal.war"
    start_process balancer standalone-load-balancer-portal
    await 120 "the balancer listens" bash -c "exec 3<>/dev/tcp/127.0.0.1/$((8080 + balancer_offset))"
    # One node first: it migrates the empty database; the second finds it migrated.
    start_node node-a
    await_node node-a
    start_node node-b
    await_node node-b
    await 120 "a cluster view with both nodes" cluster_view_formed
    log "cluster view: node-a and node-b"
    log "up: $public_url"
}

kill_node() {
    local pid
    pid=$(cat "$work/$1/server.pid")
    log "kill -9 $1 (pid $pid)"
    kill -9 "$pid"
    while kill -0 "$pid" 2>/dev/null; do
        sleep 0.1
    done
    rm -f "$work/$1/server.pid"
}

stop_process() {
    local name=$1 pid
    [ -f "$work/$name/server.pid" ] || return 0
    pid=$(cat "$work/$name/server.pid")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        local waited=0
        while kill -0 "$pid" 2>/dev/null && [ $waited -lt 300 ]; do
            sleep 0.1
            waited=$((waited + 1))
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$work/$name/server.pid"
}

down() {
    [ "${1:-}" = quietly ] || log "stopping"
    for name in node-a node-b balancer; do
        stop_process "$name"
    done
    "$root/src/build/postgres.sh" stop "$work/postgres"
}

case ${1:-} in
    up) up "${2:?usage: cluster.sh up WAR}" ;;
    down) down ;;
    kill) offset_of "${2:?node}" >/dev/null; kill_node "$2" ;;
    start) offset_of "${2:?node}" >/dev/null; start_node "$2"; await_node "$2" ;;
    *) sed -n '2,14p' "$0" >&2; exit 2 ;;
esac
