package org.mfaportal.bench.load;

import java.util.Arrays;

/** Durations of one kind, exact percentiles by nearest rank (every sample is kept: runs are bounded in count). */
final class Latencies {

    private final long[] sortedNanos;

    Latencies(long[] nanos) {
        sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    int count() {
        return sortedNanos.length;
    }

    double percentileMillis(double percent) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    double maxMillis() {
        return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    String summary() {
        return sortedNanos.length == 0
                ? "no samples"
                : String.format("p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (n=%d)",
                        percentileMillis(50), percentileMillis(95), percentileMillis(99), maxMillis(), count());
    }
}
