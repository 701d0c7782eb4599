#!/usr/bin/env bash
# Waits until the machine is quiet (apart from the bench server, which idles) before a measurement: the share of busy
# CPU over 10 s below a threshold three times in a row. Gives up after a bound and says so, so the caller can measure
# anyway and mark the figure as taken on a busy machine.
#
#   bench/scripts/wait-for-quiet.sh [max-minutes=15] [busy-percent=15]
set -uo pipefail

max_minutes=${1:-15}
threshold=${2:-15}
deadline=$(( $(date +%s) + max_minutes * 60 ))
quiet_in_a_row=0

busy_percent() {
    read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ < /proc/stat
    sleep 10
    read -r _ u2 n2 s2 i2 w2 q2 sq2 st2 _ < /proc/stat
    local busy=$(( (u2 + n2 + s2 + q2 + sq2 + st2) - (u1 + n1 + s1 + q1 + sq1 + st1) ))
    local idle=$(( (i2 + w2) - (i1 + w1) ))
    echo $(( 100 * busy / (busy + idle) ))
}

while [ "$(date +%s)" -lt "$deadline" ]; do
    busy=$(busy_percent)
    if [ "$busy" -lt "$threshold" ]; then
        quiet_in_a_row=$((quiet_in_a_row + 1))
        [ "$quiet_in_a_row" -ge 3 ] && { echo "quiet: ${busy}% busy over the last 10 s ($(uptime))"; exit 0; }
    else
        quiet_in_a_row=0
    fi
done
echo "still busy after $max_minutes min: ${busy}% busy over the last 10 s ($(uptime))"
exit 1
