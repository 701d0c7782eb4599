#!/usr/bin/env bash
# Stops the Keycloak that start-keycloak.sh started, and only that one: its pid is checked against its command line
# (this bench's Keycloak home) so no other Java process is ever touched.
set -euo pipefail

work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
version=${MFA_BENCH_KEYCLOAK_VERSION:-26.7.3}
home=$work/keycloak/keycloak-$version
source "$(dirname "$0")/lib/stop-recorded-process.sh"
stop_recorded_process "$work/keycloak.pid" "the bench's Keycloak" "QuarkusEntryPoint" "kc.home.dir=$home"
