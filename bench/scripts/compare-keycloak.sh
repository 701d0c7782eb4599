#!/usr/bin/env bash
# The portal against Keycloak in one session, with the same load driver (issue 14). Both must be running: the portal's
# bench server (start-server.sh, users seeded into $MFA_BENCH_WORK/users.tsv) and Keycloak (start-keycloak.sh, realms
# from keycloak-realm.sh of that same users file). Waits for a quiet machine first (wait-for-quiet.sh; gives up after
# QUIET_MINUTES, default 15, and says so), then for each flow and concurrency, back to back: rep 1 of the portal and
# of Keycloak, each after its warm-up, then rep 2 of each (a short warm-up only fills the pipeline again). Alternating
# the systems spreads any change in the machine's load over both. Writes bench/results/NAME.txt: every run's raw
# output, then a summary with the ratio portal / Keycloak per flow and concurrency.
#
#   bench/scripts/compare-keycloak.sh NAME [options]
#     --flows "password password+totp"   --concurrency "4 16"   --reps 2   --duration 30s
#     --warm-up 45s (before rep 1 of the first flow and concurrency; later ones: --warm-up-later, default 20s)
#     --realm mfa-bench   --keycloak-hash pbkdf2-sha512:210000   (argon2 comparison: --realm mfa-bench-argon2
#                                                                  --keycloak-hash argon2, portal started with argon2id)
#     --no-wait (measure now, busy or not)
set -euo pipefail

portal_root=$(cd "$(dirname "$0")/../.." && pwd)
work=${MFA_BENCH_WORK:-/tmp/mfa-bench}
jar=$portal_root/bench/harness/target/bench-harness.jar
portal_url=http://localhost:$((8080 + ${MFA_BENCH_PORT_OFFSET:-700}))
keycloak_url=http://localhost:${MFA_BENCH_KEYCLOAK_PORT:-18080}
name=${1:?result name}
shift
flows="password password+totp"
concurrencies="4 16"
reps=2
duration=30s
warm_up=45s
warm_up_later=20s
realm=mfa-bench
keycloak_hash=pbkdf2-sha512:210000
wait_quiet=true
while [ $# -gt 0 ]; do
    case "$1" in
        --flows) flows=$2; shift 2 ;;
        --concurrency) concurrencies=$2; shift 2 ;;
        --reps) reps=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --warm-up) warm_up=$2; shift 2 ;;
        --warm-up-later) warm_up_later=$2; shift 2 ;;
        --realm) realm=$2; shift 2 ;;
        --keycloak-hash) keycloak_hash=$2; shift 2 ;;
        --no-wait) wait_quiet=false; shift ;;
        *) echo "Unknown option $1" >&2; exit 2 ;;
    esac
done
[ -f "$work/server.pid" ] && [ -f "$work/keycloak.pid" ] || { echo "Start both first: start-server.sh and start-keycloak.sh" >&2; exit 1; }
mkdir -p "$portal_root/bench/results"
result=$portal_root/bench/results/$name.txt
runs=$(mktemp -d)
trap 'rm -rf "$runs"' EXIT

{
    echo "# $name (portal against Keycloak) $(date -u +%Y-%m-%dT%H:%M:%SZ), portal $(cat "$work/portal/COMMIT"), Keycloak ${MFA_BENCH_KEYCLOAK_VERSION:-26.7.3} realm $realm"
    echo "# flows: $flows; concurrency: $concurrencies; $reps reps of $duration each per system; warm-up $warm_up before the first rep 1, $warm_up_later before later ones, 5s before rep 2+"
    echo "# portal server: $(tr '\0' ' ' < "/proc/$(cat "$work/server.pid")/cmdline" | grep -o -- '-Xm[sx][^ ]*\|-Dmfa\.password[^ ]*' | tr '\n' ' ')"
    echo "# JVMs: portal $(readlink "/proc/$(cat "$work/server.pid")/exe"), Keycloak $(readlink "/proc/$(cat "$work/keycloak.pid")/exe")"
    echo "# before: $(uptime)"
    if [ "$wait_quiet" = true ]; then
        echo "# $("$portal_root/bench/scripts/wait-for-quiet.sh" "${QUIET_MINUTES:-15}" || true)"
    else
        echo "# not waiting for a quiet machine (--no-wait)"
    fi
} | tee "$result"

first=true
for flow in $flows; do
    for concurrency in $concurrencies; do
        for rep in $(seq 1 "$reps"); do
            if [ "$rep" = 1 ]; then
                this_warm_up=$([ "$first" = true ] && echo "$warm_up" || echo "$warm_up_later")
            else
                this_warm_up=5s
            fi
            for system in portal keycloak; do
                out=$runs/$flow-c$concurrency-$system-$rep.txt
                if [ "$system" = portal ]; then
                    target=(--target portal --base-url "$portal_url" --server-pid "$(cat "$work/server.pid")")
                else
                    target=(--target keycloak --base-url "$keycloak_url" --server-pid "$(cat "$work/keycloak.pid")" --realm "$realm" --keycloak-hash "$keycloak_hash")
                fi
                {
                    echo
                    echo "## $system, $flow, concurrency $concurrency, rep $rep (warm-up $this_warm_up) $(date -u +%H:%M:%SZ); before: $(cut -d' ' -f1-3 /proc/loadavg)"
                    java -cp "$jar" org.mfaportal.bench.load.SignInLoadDriver --users "$work/users.tsv" "${target[@]}" \
                        --flow "$flow" --concurrency "$concurrency" --warm-up "$this_warm_up" --duration "$duration" --password-check-samples 5 2>&1 \
                        | tee "$out" || true
                } | tee -a "$result"
            done
            first=false
        done
    done
done

# One figure of a run's output: the value after the label (labels are padded to 22 characters by the driver).
figure() { # file label field-pattern
    awk -v label="$2" -v pattern="$3" 'substr($0, 1, 23) ~ "^" label " *$" { rest = substr($0, 24); if (match(rest, pattern)) { v = substr(rest, RSTART, RLENGTH); gsub(/[^0-9.]/, "", v); print v; exit } }' "$1"
}
# The highest p99 of the steps other than the password form.
non_password_p99() {
    awk 'substr($0, 1, 5) == "step " && substr($0, 1, 23) !~ /password form/ { if (match($0, /p99 [0-9.]+/)) { v = substr($0, RSTART + 4, RLENGTH - 4) + 0; if (v > max) max = v } } END { if (max != "") printf "%.1f", max }' "$1"
}
mean() { awk '{ s += $1; n++ } END { if (n) printf "%.2f", s / n; else printf "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && b != "-" && b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }

{
    echo
    echo "## Summary (mean of the reps; ratio = portal / Keycloak; for sign-ins/s higher is better for the portal, for the rest lower)"
    printf '| %-14s | %3s | %-22s | %-22s | %-22s | %-22s | %-22s | %-30s |\n' flow c "sign-ins/s P / K" "ratio" "CPU-1 hash ms P / K" "ratio" "non-pw p99 ms P / K" "RSS MiB P / K, req P / K"
    for flow in $flows; do
        for concurrency in $concurrencies; do
            declare -A value=()
            for system in portal keycloak; do
                files=$(ls "$runs/$flow-c$concurrency-$system-"*.txt 2>/dev/null || true)
                value[$system-rate]=$(for f in $files; do figure "$f" "sign-ins/s" "[0-9.]+"; done | mean)
                value[$system-cpu]=$(for f in $files; do figure "$f" "CPU minus one hash" "[0-9.]+"; done | mean)
                value[$system-server]=$(for f in $files; do figure "$f" "server CPU" "[0-9.]+"; done | mean)
                value[$system-beside]=$(for f in $files; do figure "$f" "CPU beside the hashes" "[0-9.]+"; done | mean)
                value[$system-hash]=$(for f in $files; do figure "$f" "hashes in the window" "[0-9.]+ ms"; done | mean)
                value[$system-p99]=$(for f in $files; do non_password_p99 "$f"; echo; done | grep . | mean)
                value[$system-rss]=$(for f in $files; do figure "$f" "server RSS after" "[0-9.]+"; done | tail -n 1)
                value[$system-req]=$(for f in $files; do figure "$f" "requests/sign-in" "[0-9.]+"; done | mean)
                value[$system-reps]=$(for f in $files; do figure "$f" "sign-ins/s" "[0-9.]+"; done | tr '\n' ' ')
            done
            printf '| %-14s | %3s | %-22s | %-22s | %-22s | %-22s | %-22s | %-30s |\n' "$flow" "$concurrency" \
                "${value[portal-rate]} / ${value[keycloak-rate]}" "$(ratio "${value[portal-rate]}" "${value[keycloak-rate]}")" \
                "${value[portal-cpu]} / ${value[keycloak-cpu]}" "$(ratio "${value[portal-cpu]}" "${value[keycloak-cpu]}")" \
                "${value[portal-p99]} / ${value[keycloak-p99]}" "${value[portal-rss]:--} / ${value[keycloak-rss]:--}, ${value[portal-req]} / ${value[keycloak-req]}"
            echo "   reps (sign-ins/s): portal ${value[portal-reps]}; Keycloak ${value[keycloak-reps]}(rep 1 slower than rep 2 by > 5 % means too short a warm-up)"
            echo "   server CPU per sign-in, hash included, ms: portal ${value[portal-server]} / Keycloak ${value[keycloak-server]} (ratio $(ratio "${value[portal-server]}" "${value[keycloak-server]}"))"
            echo "   portal CPU beside its hashes (counted by the portal): ${value[portal-beside]} ms per sign-in; one hash under the load: ${value[portal-hash]} ms CPU"
            unset value
        done
    done
    echo "# after: $(uptime)"
} | tee -a "$result"
