package org.mfaportal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bound is shown with a fake workload that blocks until the test lets it go: no timing is measured or asserted.
 * The CPU accounting is shown with work measured in the thread's own CPU time, never with a clock.
 * The timeouts only end a broken run instead of hanging the build.
 */
@Timeout(60)
class SlowHashLimiterTest {

    private static final int BOUND = 2;
    private static final int CALLERS = 6;

    @Test
    void neverMoreThanTheBoundComputeAtOnceAndTheRestWaitTheirTurn() throws Exception {
        SlowHashLimiter limiter = new SlowHashLimiter(BOUND);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInsideAtOnce = new AtomicInteger();
        CountDownLatch firstOnesInside = new CountDownLatch(BOUND);
        CountDownLatch finishHashing = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int caller = i;
                results.add(callers.submit(() -> limiter.compute(() -> {
                    mostInsideAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    firstOnesInside.countDown();
                    awaitUninterruptibly(finishHashing);
                    inside.decrementAndGet();
                    return caller;
                })));
            }
            firstOnesInside.await();
            while (limiter.waitingCount() < CALLERS - BOUND) {
                Thread.onSpinWait();
            }
            assertEquals(BOUND, inside.get(), "the bound is reached while the others wait");

            finishHashing.countDown();
            for (int i = 0; i < CALLERS; i++) {
                assertEquals(i, results.get(i).get(), "every caller gets its own result");
            }
            assertEquals(BOUND, mostInsideAtOnce.get());
            assertEquals(0, limiter.waitingCount());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aCallerInterruptedWhileWaitingNeverComputesAndKeepsItsInterrupt() throws Exception {
        SlowHashLimiter limiter = new SlowHashLimiter(1);
        CountDownLatch holderInside = new CountDownLatch(1);
        CountDownLatch holderMayLeave = new CountDownLatch(1);
        Thread holder = new Thread(() -> limiter.compute(() -> {
            holderInside.countDown();
            awaitUninterruptibly(holderMayLeave);
            return null;
        }));
        holder.start();
        holderInside.await();

        AtomicBoolean waiterComputed = new AtomicBoolean();
        AtomicReference<Throwable> waiterFailure = new AtomicReference<>();
        AtomicBoolean waiterStillInterrupted = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                limiter.compute(() -> {
                    waiterComputed.set(true);
                    return true;
                });
            } catch (Throwable failure) {
                waiterFailure.set(failure);
            }
            waiterStillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        while (limiter.waitingCount() < 1) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        waiter.join();
        holderMayLeave.countDown();
        holder.join();

        assertTrue(waiterFailure.get() instanceof SlowHashInterruptedException, "got " + waiterFailure.get());
        assertFalse(waiterComputed.get());
        assertTrue(waiterStillInterrupted.get());
    }

    @Test
    void anAlreadyInterruptedCallerDoesNotCompute() {
        SlowHashLimiter limiter = new SlowHashLimiter(1);
        AtomicBoolean computed = new AtomicBoolean();
        Thread.currentThread().interrupt();
        try {
            assertThrows(SlowHashInterruptedException.class, () -> limiter.compute(() -> computed.getAndSet(true)));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertFalse(computed.get());
    }

    @Test
    void aFailingHashGivesItsPermitBack() {
        SlowHashLimiter limiter = new SlowHashLimiter(1);
        assertThrows(IllegalStateException.class, () -> limiter.compute(() -> {
            throw new IllegalStateException("hash failed");
        }));
        assertEquals("next", limiter.compute(() -> "next"), "the only permit is free again");
    }

    @Test
    void theSharedLimiterAllowsOneHashPerProcessor() {
        assertEquals(Runtime.getRuntime().availableProcessors(), SlowHashLimiter.shared().maxConcurrent());
    }

    @Test
    void aBoundBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SlowHashLimiter(0));
    }

    @Test
    void keepsTheCpuTimeOfItsHashesButNotTheirWaiting() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled(), "this JVM measures no thread CPU");
        SlowHashLimiter limiter = new SlowHashLimiter(1);
        long burnedNanos = Duration.ofMillis(30).toNanos();

        limiter.compute(() -> burnCpu(threads, burnedNanos));
        Duration afterBurning = limiter.hashCpuTime();
        assertTrue(afterBurning.toNanos() >= burnedNanos, "the CPU the hash used is counted: " + afterBurning);

        Duration sleeping = Duration.ofMillis(300);
        limiter.compute(() -> {
            sleepUninterruptibly(sleeping);
            return null;
        });
        Duration idle = limiter.hashCpuTime().minus(afterBurning);
        assertTrue(idle.compareTo(sleeping.dividedBy(2)) < 0, "time off the CPU is not counted: " + idle);

        assertThrows(IllegalStateException.class, () -> limiter.compute(() -> {
            burnCpu(threads, burnedNanos);
            throw new IllegalStateException("the hash failed");
        }));
        assertTrue(limiter.hashCpuTime().minus(afterBurning).toNanos() >= burnedNanos, "a hash that threw is counted too");
        assertEquals(3, limiter.hashesComputed());
    }

    /** Spins until this thread has used the given CPU time (measured, so no wall-clock timing is involved). */
    private static Long burnCpu(ThreadMXBean threads, long nanos) {
        long start = threads.getCurrentThreadCpuTime();
        long spins = 0;
        while (threads.getCurrentThreadCpuTime() - start < nanos) {
            spins++;
        }
        return spins;
    }

    private static void sleepUninterruptibly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
