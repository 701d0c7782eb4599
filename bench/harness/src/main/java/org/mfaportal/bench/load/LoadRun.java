package org.mfaportal.bench.load;

import java.io.IOException;
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
            OptionalLong serverCpuAtStart, OptionalLong serverCpuAtEnd,
            Optional<BenchEndpoints.Hashing> hashingAtStart, Optional<BenchEndpoints.Hashing> hashingAtEnd) {

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        OptionalLong serverCpuNanos() {
            return serverCpuAtStart.isPresent() && serverCpuAtEnd.isPresent()
                    ? OptionalLong.of(serverCpuAtEnd.getAsLong() - serverCpuAtStart.getAsLong())
                    : OptionalLong.empty();
        }

        /** The slow hashes the portal computed in the window (the mid-window password checks' among them). */
        Optional<BenchEndpoints.Hashing> hashing() {
            return hashingAtStart.isPresent() && hashingAtEnd.isPresent()
                    ? Optional.of(hashingAtEnd.get().minus(hashingAtStart.get()))
                    : Optional.empty();
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
    private final Optional<BenchEndpoints> portalEndpoints;
    private final Measurements measurements = new Measurements();
    private final AtomicLong startedSignIns = new AtomicLong();

    /** @param portalEndpoints the portal's bench endpoints (not for Keycloak): its hashing totals are read with the CPU */
    LoadRun(LoadOptions options, UserRoster roster, HttpClient http, Optional<ServerProcess> server, Optional<CpuByStep> cpuByStep,
            Optional<BenchEndpoints> portalEndpoints) {
        this.options = options;
        this.portalEndpoints = portalEndpoints;
        this.roster = roster;
        this.http = http;
        this.server = server;
        this.cpuByStep = cpuByStep;
    }

    Measurements measurements() {
        return measurements;
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
            StepObserver observer = cpuByStep.<StepObserver>map(steps -> steps).orElse(StepObserver.NONE);
            BrowserSession browser = new BrowserSession(http, options.baseUrl());
            SignIn signIn = options.target() == Target.KEYCLOAK
                    ? new KeycloakSignIn(browser, roster, options.flow(), observer, options.keycloak())
                    : new BrowserSignIn(browser, roster, options.flow(), observer, options.signOut());
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
        Optional<BenchEndpoints.Hashing> hashingAtStart = hashing();
        cpuByStep.ifPresent(CpuByStep::reset);

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
        Optional<BenchEndpoints.Hashing> hashingAtEnd = hashing();

        if (!finished.await(IN_FLIGHT_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
            virtualUsers.forEach(Thread::interrupt);
        }
        for (Thread thread : virtualUsers) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        return new Window(start, end, machineAtStart, machineAtEnd, serverAtStart, serverAtEnd, hashingAtStart, hashingAtEnd);
    }

    private void signInRepeatedly(SignIn signIn, long windowEnd) {
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

    /** Empty for Keycloak, and for a portal built before its hashes were accounted for (no /bench/hashing). */
    private Optional<BenchEndpoints.Hashing> hashing() throws InterruptedException {
        if (portalEndpoints.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(portalEndpoints.get().hashing());
        } catch (IOException e) {
            System.err.println("The portal's hashing totals could not be read: " + e.getMessage());
            return Optional.empty();
        }
    }
}
