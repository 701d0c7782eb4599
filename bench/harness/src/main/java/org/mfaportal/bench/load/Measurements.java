package org.mfaportal.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every outcome of a run, kept with its end time so the report can count only those inside the measured window. */
final class Measurements {

    private record Failure(String reason, long finishedNanos) {
    }

    private final List<BrowserSignIn.Timing> completed = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private long waitsForUsableUser;

    synchronized void completed(BrowserSignIn.Timing timing) {
        completed.add(timing);
    }

    synchronized void failed(String reason, long finishedNanos) {
        failures.add(new Failure(reason, finishedNanos));
    }

    /** A virtual user found no seeded user whose one-time codes allowed a sign-in right now. */
    synchronized void waitedForUsableUser() {
        waitsForUsableUser++;
    }

    synchronized long waitsForUsableUser() {
        return waitsForUsableUser;
    }

    synchronized List<BrowserSignIn.Timing> completedBetween(long fromNanos, long toNanos) {
        return completed.stream().filter(timing -> timing.finishedNanos() >= fromNanos && timing.finishedNanos() <= toNanos).toList();
    }

    synchronized Map<String, Long> failuresBetween(long fromNanos, long toNanos) {
        Map<String, Long> byReason = new TreeMap<>();
        failures.stream().filter(failure -> failure.finishedNanos() >= fromNanos && failure.finishedNanos() <= toNanos)
                .forEach(failure -> byReason.merge(failure.reason(), 1L, Long::sum));
        return byReason;
    }

    synchronized int completedCount() {
        return completed.size();
    }

    synchronized int failedCount() {
        return failures.size();
    }
}
