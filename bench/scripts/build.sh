#!/usr/bin/env bash
# Builds what the benchmarks run: the portal at a committed revision (default HEAD), in a directory of its own, and
# the bench project against that build. Building from `git archive` rather than the working tree keeps the numbers
# tied to a commit and leaves the working tree's target/ (where others build and test) alone.
#
#   bench/scripts/build.sh [commit]
set -euo pipefail

portal_root=$(cd "$(dirname "$0")/../.." && pwd)
work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
commit=$(git -C "$portal_root" rev-parse "${1:-HEAD}")
portal=$work/portal

rm -rf "$portal"
mkdir -p "$portal"
git -C "$portal_root" archive --format=tar "$commit" | tar -x -C "$portal"
echo "$commit" > "$portal/COMMIT"
# -o: everything the build needs is already in ~/.m2 once the portal has been built on this machine.
(cd "$portal" && ./mvnw -q -o -DskipTests package)
"$portal_root/mvnw" -q -o -f "$portal_root/bench/pom.xml" clean package -Dportal.war="$portal/target/mfa-portal.war"
echo "Built portal $commit and the bench against it: $portal/target/mfa-portal.war"
