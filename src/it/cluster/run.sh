#!/usr/bin/env bash
# The cluster check that .ci/run runs after ./mvnw verify: two nodes and the balancer (cluster.sh), then
# ClusterFailoverCheck through the balancer and against each node, then everything stopped (also on failure).
# Deploys the WAR the build produced plus a test-support servlet that creates accounts (never in the product's WAR).
#   src/it/cluster/run.sh        (after ./mvnw verify, or ./mvnw package -DskipTests and ./mvnw test-compile)
#   CLUSTER_CHECK='ClusterFailoverCheck#aPasskey*' src/it/cluster/run.sh    runs a choice of its tests
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
work=$root/target/cluster-war
script=$root/src/it/cluster/cluster.sh

trap 'bash "$script" down' EXIT

# The test WAR: the product's WAR + the support servlet + the web fragment that opens /test-support/* (as in the
# Arquillian tests).
rm -rf "$work"
mkdir -p "$work/classes/WEB-INF/classes/org/mfaportal/cluster" "$work/fragment/META-INF" "$work/classes/WEB-INF/lib"
cp target/test-classes/org/mfaportal/cluster/ClusterSupportServlet.class "$work/classes/WEB-INF/classes/org/mfaportal/cluster/"
cp src/test/resources/arquillian-runner/web-fragment.xml "$work/fragment/META-INF/web-fragment.xml"
jar --create --file "$work/classes/WEB-INF/lib/test-support-open.jar" -C "$work/fragment" .
cp target/mfa-portal.war "$work/mfa-portal.war"
jar --update --file "$work/mfa-portal.war" -C "$work/classes" WEB-INF

started=$(date +%s)
bash "$script" up "$work/mfa-portal.war"
echo "[cluster] up after $(( $(date +%s) - started )) s"
./mvnw -o ${MAVEN_ARGS:-} failsafe:integration-test failsafe:verify -Dit.test="${CLUSTER_CHECK:-ClusterFailoverCheck}" -Dcluster.script="$script"
echo "[cluster] check done after $(( $(date +%s) - started )) s"
