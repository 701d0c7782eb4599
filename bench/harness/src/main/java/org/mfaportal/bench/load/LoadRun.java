package org.mfaportal.bench.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the virtual users: each signs in again and again, as a different seeded user every time, until the duration is
 * over or the run has started its maximum number of sign-ins. The measured window follows the warm-up; the server's
 * and the machine's CPU are read at its edges. Sign-ins still running when the window closes are completed, not
 * abandoned (an abandoned sign-in would leave a pending_login row behind), but not counted.
 */
final class LoadRun {

    /** The measured window and what was read at its edges. */
    record Window(long startNanos, long endNanos, MachineCpu machineAtStart, MachineCpu machineAtEnd,
            OptionalLong serverCpuAtStart, OptionalLong serverCpuAtEnd) {

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        OptionalLong serverCpuNanos() {
            return serverCpuAtStart.isPresent() && serverCpuAtEnd.isPresent()
                    ? OptionalLong.of(serverCpuAtEnd.getAsLong() - serverCpuAtStart.getAsLong())
                    : OptionalLong.empty();
        }
    }

    private static final long NO_USABLE_USER_PAUSE_MILLIS = 250;

    /** Time for the sign-ins in flight at the end: each of a sign-in's up to five requests may take a full timeout. */
    private static final Duration IN_FLIGHT_GRACE = BrowserSession.REQUEST_TIMEOUT.multipliedBy(5);

    private final LoadOptions options;
    private final UserRoster roster;
    private final HttpClient http;
    private final Optional<ServerProcess> server;
    private final Optional<CpuByStep> cpuByStep;
    private final Measurements measurements = new Measurements();
    private final StepLatencies stepLatencies = new StepLatencies();
    private final AtomicLong startedSignIns = new AtomicLong();

    LoadRun(LoadOptions options, UserRoster roster, HttpClient http, Optional<ServerProcess> server, Optional<CpuByStep> cpuByStep) {
        this.options = options;
        this.roster = roster;
        this.http = http;
        this.server = server;
        this.cpuByStep = cpuByStep;
    }

    Measurements measurements() {
        return measurements;
    }

    /** Wall time per step of the sign-ins in the window, and how many requests they made. */
    StepLatencies stepLatencies() {
        return stepLatencies;
    }

    /** Something to measure in the server halfway through the window, under the same load as the sign-ins. */
    interface MidWindowProbe {
        void measure() throws Exception;
    }

    Window execute(MidWindowProbe midWindow) throws InterruptedException {
        List<PasskeySignIn> passkeys = options.flow() == SignInFlow.PASSKEY ? enrolPasskeys() : List.of();
        long begin = System.nanoTime();
        long windowStart = begin + options.warmUp().toNanos();
        long windowEnd = windowStart + options.duration().toNanos();
        CountDownLatch finished = new CountDownLatch(options.concurrency());
        List<Thread> virtualUsers = new ArrayList<>();
        for (int i = 1; i <= options.concurrency(); i++) {
            BrowserSignIn signIn = new BrowserSignIn(new BrowserSession(http, options.baseUrl()), roster, options.flow(),
                    StepLatencies.both(stepLatencies, cpuByStep.<StepObserver>map(observer -> observer).orElse(StepObserver.NONE)),
                    options.signOut());
            PasskeySignIn passkey = passkeys.isEmpty() ? null : passkeys.get(i - 1);
            Thread thread = new Thread(() -> {
                try {
                    if (passkey != null) {
                        signInWithPasskeyRepeatedly(passkey, windowEnd);
                    } else {
                        signInRepeatedly(signIn, windowEnd);
                    }
                } finally {
                    finished.countDown();
                }
            }, "virtual-user-" + i);
            virtualUsers.add(thread);
            thread.start();
        }

        finished.await(Math.max(0, windowStart - System.nanoTime()), TimeUnit.NANOSECONDS);
        long start = System.nanoTime();
        MachineCpu machineAtStart = MachineCpu.now();
        OptionalLong serverAtStart = serverCpu();
        cpuByStep.ifPresent(CpuByStep::reset);
        stepLatencies.reset();

        long windowMiddle = windowStart + options.duration().toNanos() / 2;
        if (!finished.await(Math.max(0, windowMiddle - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            try {
                midWindow.measure();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                System.err.println("The mid-window measurement failed: " + e);
            }
        }
        // Ends early when the count bound stops every virtual user before the duration is over.
        finished.await(Math.max(0, windowEnd - System.nanoTime()), TimeUnit.NANOSECONDS);
        long end = System.nanoTime();
        MachineCpu machineAtEnd = MachineCpu.now();
        OptionalLong serverAtEnd = serverCpu();

        if (!finished.await(IN_FLIGHT_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
            virtualUsers.forEach(Thread::interrupt);
        }
        for (Thread thread : virtualUsers) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        return new Window(start, end, machineAtStart, machineAtEnd, serverAtStart, serverAtEnd);
    }

    private void signInRepeatedly(BrowserSignIn signIn, long windowEnd) {
        while (System.nanoTime() < windowEnd && startedSignIns.get() < options.maxSignIns()) {
            Optional<RosterEntry> user = roster.take(Instant.now());
            if (user.isEmpty()) {
                measurements.waitedForUsableUser();
                if (!pause()) {
                    return;
                }
                continue;
            }
            try {
                if (startedSignIns.incrementAndGet() > options.maxSignIns()) {
                    return;
                }
                measurements.completed(signIn.signInAs(user.get()));
            } catch (SignInFailure failure) {
                measurements.failed(failure.getMessage(), System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                measurements.failed("driver error: " + e, System.nanoTime());
            } finally {
                roster.giveBack(user.get());
            }
        }
    }

    /**
     * Before the warm-up, one seeded app user per virtual user signs in with password and TOTP and registers a passkey;
     * that user stays with that virtual user (out of the roster) for the whole run.
     */
    private List<PasskeySignIn> enrolPasskeys() throws InterruptedException {
        List<PasskeySignIn> passkeys = new ArrayList<>();
        for (int i = 0; i < options.concurrency(); i++) {
            RosterEntry user = roster.take(Instant.now())
                    .orElseThrow(() -> new IllegalStateException("--flow passkey needs one unused app user per virtual user"));
            try {
                passkeys.add(PasskeySignIn.enrol(new BrowserSession(http, options.baseUrl()), options.baseUrl(), roster, user));
            } catch (SignInFailure failure) {
                throw new IllegalStateException("registering a passkey for " + user.user().username() + ": " + failure.getMessage());
            }
        }
        System.out.println("Registered " + passkeys.size() + " passkeys (one per virtual user) before the warm-up.");
        return passkeys;
    }

    private void signInWithPasskeyRepeatedly(PasskeySignIn passkey, long windowEnd) {
        while (System.nanoTime() < windowEnd && startedSignIns.incrementAndGet() <= options.maxSignIns()) {
            try {
                measurements.completed(passkey.signIn());
            } catch (SignInFailure failure) {
                measurements.failed(failure.getMessage(), System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                measurements.failed("driver error: " + e, System.nanoTime());
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(NO_USABLE_USER_PAUSE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private OptionalLong serverCpu() {
        return server.map(process -> OptionalLong.of(process.cpuNanos())).orElse(OptionalLong.empty());
    }
}
