# Sourced by stop-server.sh and stop-keycloak.sh. stop_recorded_process PID_FILE WHAT MARK...: stops the process whose
# pid start-*.sh recorded in PID_FILE, and only if its command line still holds every MARK (a recorded pid may have
# been reused by another process since), TERM first and KILL after 30 s.
stop_recorded_process() {
    local pid_file=$1 what=$2 pid command_line mark
    shift 2
    [ -f "$pid_file" ] || { echo "No $pid_file: nothing started by the bench scripts"; return 0; }
    pid=$(cat "$pid_file")
    command_line=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)
    for mark in "$@"; do
        if [[ "$command_line" != *"$mark"* ]]; then
            echo "Process $pid is not $what (any more); not stopping it."
            rm -f "$pid_file"
            return 0
        fi
    done
    kill -TERM "$pid"
    for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; echo "Stopped $pid"; return 0; }
        sleep 1
    done
    kill -KILL "$pid"
    rm -f "$pid_file"
    echo "Killed $pid after 30 s"
}
