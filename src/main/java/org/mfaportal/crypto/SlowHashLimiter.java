package org.mfaportal.crypto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Lets at most a fixed number of slow hashes (PBKDF2 of passwords and recovery codes) run at once.
 *
 * <p>Why: a slow hash is pure CPU work for a fixed amount of CPU time. Running more of them at once than there are
 * cores makes none of them finish sooner; it only makes every other request (the second-factor page, any staff page)
 * share the cores with all of them. Queued behind a bound, the hashes keep about the same throughput while the cheap
 * requests keep a core to run on (issue 7, bench/README.md "What hurts performance" 1).
 *
 * <p>The permits are handed out fairly (first come, first served), so under load a sign-in waits behind the ones that
 * came before it and never starves. A caller that is interrupted while waiting gets a
 * {@link SlowHashInterruptedException} and its interrupt flag back: the hash is never computed, so the check it
 * belongs to can neither succeed nor count as a wrong guess.
 *
 * <p>The limiter also keeps the CPU time its hashes took: what share of a node's CPU goes to hashing (and so what
 * the rest of a sign-in costs) is otherwise only guessed from one hash measured alone, and a hash costs more CPU on a
 * loaded machine than on an idle one.
 */
public final class SlowHashLimiter {

    /**
     * One limiter for every slow hash of the application: the cores are shared by password and recovery-code
     * hashing alike, so both must draw on the same permits.
     */
    private static final SlowHashLimiter SHARED = new SlowHashLimiter(Runtime.getRuntime().availableProcessors());

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int maxConcurrent;
    private final Semaphore permits;
    private final LongAdder hashCpuNanos = new LongAdder();
    private final LongAdder hashesComputed = new LongAdder();

    public SlowHashLimiter(int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("At least one slow hash must be allowed at a time, was " + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent, true);
    }

    /** The limiter all of the application's slow hashes go through: as many at once as the JVM has processors. */
    public static SlowHashLimiter shared() {
        return SHARED;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** How many callers are waiting for a permit right now (an estimate while threads come and go). */
    public int waitingCount() {
        return permits.getQueueLength();
    }

    /**
     * Computes {@code slowHash} once a permit is free, and frees the permit afterwards, whether it returned or threw.
     *
     * @throws SlowHashInterruptedException if the thread is interrupted before it gets a permit; the hash is then not
     *         computed and the thread's interrupt flag is set again
     */
    public <T> T compute(Supplier<T> slowHash) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlowHashInterruptedException(e);
        }
        long cpuAtStart = currentThreadCpuNanos();
        try {
            return slowHash.get();
        } finally {
            permits.release();
            if (cpuAtStart >= 0) {
                hashCpuNanos.add(currentThreadCpuNanos() - cpuAtStart);
            }
            hashesComputed.increment();
        }
    }

    /** CPU time of every hash computed through this limiter so far (zero where the JVM cannot measure thread CPU). */
    public Duration hashCpuTime() {
        return Duration.ofNanos(hashCpuNanos.sum());
    }

    /** How many hashes were computed through this limiter so far, those that threw included. */
    public long hashesComputed() {
        return hashesComputed.sum();
    }

    private static long currentThreadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }
}
