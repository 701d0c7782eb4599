#!/usr/bin/env bash
# After a red build: name each failed test and the first lines of its failure. CI shows only the tail of its output,
# and by then Maven has printed just "BUILD FAILURE" and the server's shutdown log.
cd "$(dirname "$0")/.."
found=false
for report in target/surefire-reports/*.txt target/failsafe-reports/*.txt target/failsafe-reports-postgresql/*.txt; do
    [ -f "$report" ] || continue
    grep -q '<<<' "$report" || continue
    found=true
    echo "=== ${report#target/}"
    # each failing test's line, then its message and the first frames of its trace
    awk '/<<< (FAILURE|ERROR)!/ { shown = 12 } shown > 0 { print; shown-- }' "$report" | cut -c1-300
done
if [ "$found" = false ]; then
    echo "No failed test in the reports: the build failed outside the tests (see the Maven output above)."
fi
