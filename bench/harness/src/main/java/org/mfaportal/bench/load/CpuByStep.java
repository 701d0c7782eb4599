package org.mfaportal.bench.load;

import java.util.EnumMap;
import java.util.Map;

/**
 * Attributes the server's CPU time to the steps of a sign-in by reading it before and after each step. Meaningful only
 * with one virtual user, when nothing else the driver does runs in the server meanwhile. /proc counts in 10 ms ticks;
 * the error of each reading is independent of the step, so averages over hundreds of sign-ins are sound.
 */
final class CpuByStep implements StepObserver {

    record StepCost(long count, long cpuNanos) {

        double millisEach() {
            return count == 0 ? Double.NaN : cpuNanos / 1e6 / count;
        }
    }

    private final ServerProcess server;
    private final Map<SignInStep, Long> cpuAtStart = new EnumMap<>(SignInStep.class);
    private final Map<SignInStep, StepCost> costs = new EnumMap<>(SignInStep.class);

    CpuByStep(ServerProcess server) {
        this.server = server;
    }

    @Override
    public synchronized void started(SignInStep step) {
        cpuAtStart.put(step, server.cpuNanos());
    }

    @Override
    public synchronized void finished(SignInStep step) {
        Long start = cpuAtStart.remove(step);
        if (start != null) {
            StepCost sofar = costs.getOrDefault(step, new StepCost(0, 0));
            costs.put(step, new StepCost(sofar.count() + 1, sofar.cpuNanos() + server.cpuNanos() - start));
        }
    }

    /** Forgets the warm-up. */
    synchronized void reset() {
        costs.clear();
    }

    synchronized Map<SignInStep, StepCost> costs() {
        return new EnumMap<>(costs);
    }
}
