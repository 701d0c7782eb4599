package org.mfaportal.bench.load;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The wall time of each step of a sign-in, per request, at any concurrency: each virtual user is a thread of its own,
 * so a step's start is kept per thread. Also counts the requests, which gives the requests per sign-in.
 */
final class StepLatencies implements StepObserver {

    private final ThreadLocal<Map<SignInStep, Long>> startedNanos = ThreadLocal.withInitial(() -> new EnumMap<>(SignInStep.class));
    private final Map<SignInStep, List<Long>> durations = new EnumMap<>(SignInStep.class);

    @Override
    public void started(SignInStep step) {
        startedNanos.get().put(step, System.nanoTime());
    }

    @Override
    public void finished(SignInStep step) {
        Long start = startedNanos.get().remove(step);
        if (start != null) {
            long took = System.nanoTime() - start;
            synchronized (durations) {
                durations.computeIfAbsent(step, ignored -> new ArrayList<>()).add(took);
            }
        }
    }

    /** Forgets the warm-up. */
    void reset() {
        synchronized (durations) {
            durations.clear();
        }
    }

    Map<SignInStep, Latencies> latencies() {
        Map<SignInStep, Latencies> result = new EnumMap<>(SignInStep.class);
        synchronized (durations) {
            durations.forEach((step, list) -> result.put(step, new Latencies(list.stream().mapToLong(Long::longValue).toArray())));
        }
        return result;
    }

    long requests() {
        synchronized (durations) {
            return durations.values().stream().mapToLong(List::size).sum();
        }
    }

    /** Tells both observers. */
    static StepObserver both(StepObserver first, StepObserver second) {
        return new StepObserver() {
            @Override
            public void started(SignInStep step) {
                first.started(step);
                second.started(step);
            }

            @Override
            public void finished(SignInStep step) {
                second.finished(step);
                first.finished(step);
            }
        };
    }
}
