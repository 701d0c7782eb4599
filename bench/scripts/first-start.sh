#!/usr/bin/env bash
# The newcomer's first start (issue 13): clones a commit into a fresh directory and times the README's run command
# until /login answers 200, then stops the server. Run it twice on the same clone for "second start, nothing changed".
# The local Maven repository is used as it is (warm on this machine); nothing else is shared with the worktree.
#
#   bench/scripts/first-start.sh <clone-dir> <result-name> [commit=HEAD] [port-offset=400]
#
# Writes bench/results/<result-name>.txt: load before, wall time to the first 200 from /login, the time of each
# Maven phase's first line and of WildFly's "started" line, and the portal's own ready line if it has one.
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
clone=${1:?clone dir}
name=${2:?result name}
commit=${3:-HEAD}
offset=${4:-400}
port=$((8080 + offset))
out="$repo/bench/results/$name.txt"
log="$clone.$name.log"

if [ ! -d "$clone" ]; then
    git clone --quiet --no-checkout "$repo" "$clone"
    git -C "$clone" checkout --quiet "$(git -C "$repo" rev-parse "$commit")"
fi

if curl -s -o /dev/null "http://localhost:$port/login"; then
    echo "port $port is taken: stop that server first" >&2
    exit 1
fi

{
    echo "# first start: $(git -C "$clone" log -1 --format='%h %s' | cut -c1-100)"
    echo "# clone: $clone (target/ present before: $([ -d "$clone/target" ] && echo yes || echo no))"
    echo "# $(date -u +%FT%TZ) load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
    echo "# command: ./mvnw package wildfly:run -DskipTests (server on port offset $offset)"
} > "$out"

start_us=${EPOCHREALTIME/./}
# each output line gets the seconds since the start (Maven's own lines carry no time)
stamp() { while IFS= read -r line; do now_us=${EPOCHREALTIME/./}; printf '%6.1f %s\n' "$(( (now_us - start_us) / 1000 ))e-3" "$line"; done; }
rm -f "$clone.pid"
# its own session: the whole process group (Maven and the server it forks) is stopped at the end
( cd "$clone" && exec setsid sh -c 'echo $$ > "$0"; exec ./mvnw package wildfly:run -DskipTests $1 2>&1' \
    "$clone.pid" "-Dwildfly.serverArgs=-Djboss.socket.binding.port-offset=$offset -Dwildfly.port=$((9990 + offset))" ) | stamp > "$log" &
while [ ! -s "$clone.pid" ]; do sleep 0.1; done
mvn_pid=$(cat "$clone.pid")

status=000
while [ -n "$mvn_pid" ] && kill -0 "$mvn_pid" 2>/dev/null; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/login" || true)
    [ "$status" = 200 ] && break
    sleep 0.5
done
elapsed=$(( (${EPOCHREALTIME/./} - start_us) / 1000 ))e-3
elapsed=$(printf '%.1f' "$elapsed")

{
    echo "/login answered $status after ${elapsed} s"
    echo "# milestones (seconds since the command started):"
    grep -E '\[INFO\] --- |WFLYSRV0025|WFLYSRV0010|WFLYUT0021|Flyway|ready at|BUILD|Total time' "$log" | cut -c1-220
    echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} >> "$out"

kill -TERM -- "-$mvn_pid" 2>/dev/null
while kill -0 "$mvn_pid" 2>/dev/null; do sleep 0.5; done
cat "$out"
