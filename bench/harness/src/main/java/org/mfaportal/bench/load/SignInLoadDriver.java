package org.mfaportal.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Load driver for the portal's sign-in: virtual users run the real browser flow (see {@link BrowserSignIn}) against a
 * running portal with the bench WAR, and the report gives sign-ins per second, failures with their reasons, latency
 * percentiles of the whole sign-in and of the second-factor step alone, and, given the server's pid, the server's CPU
 * per sign-in against the cost of the password hash that bounds it. Usage: {@link LoadOptions#USAGE}.
 */
public final class SignInLoadDriver {

    private SignInLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        HttpClient http = BrowserSession.newHttpClient();
        BenchEndpoints bench = new BenchEndpoints(http, options.baseUrl());
        Optional<ServerProcess> server = options.serverPid().stream().mapToObj(ServerProcess::new).findFirst();
        Optional<CpuByStep> cpuByStep = options.cpuByStep() ? server.map(CpuByStep::new) : Optional.empty();
        PrintStream out = System.out;

        boolean portal = options.target() == Target.PORTAL;
        try (UserRoster roster = UserRoster.load(options.usersFile(), options.flow(), options.userLimit(), options.target())) {
            MachineCpu beforeAll = MachineCpu.now();
            // Measured first, on an idle server: the floor every sign-in stands on. Keycloak's hash is timed in the
            // driver's JVM with the same library Keycloak uses (it has no endpoint for it).
            Map<String, Double> passwordCheck = options.passwordCheckSamples() == 0 ? Map.of()
                    : portal ? bench.passwordCheckCost(options.passwordCheckSamples()) : options.keycloakHash().measure(options.passwordCheckSamples());
            Map<String, Long> stateBefore = portal ? bench.state() : Map.of();
            OptionalLong heapBefore = options.heapCheck() ? OptionalLong.of(server.orElseThrow().heapUsedAfterFullGcBytes()) : OptionalLong.empty();

            LoadRun run = new LoadRun(options, roster, http, server, cpuByStep, portal ? Optional.of(bench) : Optional.empty());
            // Measured again under the load: on a shared machine the CPU time of a hash grows with what else runs.
            // Not when CPU is attributed to steps: the checks' CPU would count for the steps running meanwhile.
            Map<String, Double> passwordCheckUnderLoad = new LinkedHashMap<>();
            LoadRun.Window window = run.execute(() -> {
                if (options.passwordCheckSamples() > 0 && !options.cpuByStep()) {
                    passwordCheckUnderLoad.putAll(portal ? bench.passwordCheckCost(options.passwordCheckSamples())
                            : options.keycloakHash().measure(options.passwordCheckSamples()));
                }
            });

            Map<String, Long> stateAfter = portal ? bench.state() : Map.of();
            OptionalLong rssAfter = server.isPresent() ? OptionalLong.of(server.get().rssBytes()) : OptionalLong.empty();
            OptionalLong heapAfter = options.heapCheck() ? OptionalLong.of(server.orElseThrow().heapUsedAfterFullGcBytes()) : OptionalLong.empty();
            new Report(out, options, roster.size(), beforeAll, passwordCheck, passwordCheckUnderLoad, run.measurements(), window, cpuByStep,
                    stateBefore, stateAfter, heapBefore, heapAfter, rssAfter).print();
        } catch (IOException e) {
            System.err.println("The " + options.target().optionValue() + " did not answer as expected: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The plain-text report; every figure printed is one this run measured. */
    private record Report(PrintStream out, LoadOptions options, int rosterSize, MachineCpu beforeAll, Map<String, Double> passwordCheck,
            Map<String, Double> passwordCheckUnderLoad, Measurements measurements, LoadRun.Window window, Optional<CpuByStep> cpuByStep, Map<String, Long> stateBefore,
            Map<String, Long> stateAfter, OptionalLong heapBefore, OptionalLong heapAfter, OptionalLong rssAfter) {

        void print() {
            int cores = Runtime.getRuntime().availableProcessors();
            List<BrowserSignIn.Timing> measured = measurements.completedBetween(window.startNanos(), window.endNanos());
            Map<String, Long> failures = measurements.failuresBetween(window.startNanos(), window.endNanos());
            double seconds = window.seconds();
            double signInsPerSecond = measured.size() / seconds;

            line("flow", options.flow().optionValue());
            boolean keycloak = options.target() == Target.KEYCLOAK;
            line("target", keycloak
                    ? "keycloak " + options.baseUrl() + ", realm " + options.keycloak().realm() + ", client " + options.keycloak().clientId()
                            + " (authorization-code flow until the redirect with the code; no token request)"
                    : "portal " + options.baseUrl());
            boolean passkey = options.flow() == SignInFlow.PASSKEY;
            line("virtual users", options.concurrency() + " (each its own browser and cookie jar), "
                    + (passkey ? "each with the passkey it registered for one of " + rosterSize + " seeded app users"
                            : rosterSize + " seeded users in rotation")
                    + (options.signOut() ? ", signing out after each sign-in" : ""));
            line("bounds", "warm-up " + options.warmUp().toSeconds() + " s, duration " + options.duration().toSeconds()
                    + " s, at most " + options.maxSignIns() + " sign-ins");
            line("machine", cores + " cores; load average " + beforeAll.loadAverage() + " before the run, "
                    + window.machineAtStart().loadAverage() + " at window start, " + window.machineAtEnd().loadAverage() + " at window end");
            line("other processes", otherProcessesShare());
            if (!passwordCheck.isEmpty()) {
                line("password check", String.format("%.1f ms CPU, %.1f ms wall (medians of %.0f checks %s, before the load)",
                        passwordCheck.get("cpu_ms_median"), passwordCheck.get("wall_ms_median"), passwordCheck.get("samples"), whereChecked()));
            }
            line("measured window", String.format("%.1f s: %d sign-ins completed, %d failed", seconds, measured.size(),
                    failures.values().stream().mapToLong(Long::longValue).sum()));
            line("sign-ins/s", String.format("%.2f", signInsPerSecond));
            if (!passwordCheck.isEmpty()) {
                double hashCeiling = cores / (passwordCheck.get("cpu_ms_median") / 1000);
                line("hashing ceiling", String.format("cores / password-check CPU = %.2f sign-ins/s; achieved %.1f %% of it%s",
                        hashCeiling, 100 * signInsPerSecond / hashCeiling,
                        passkey ? " (a passkey sign-in checks no password: for comparison with the password flows only)" : ""));
            }
            line("whole sign-in ms", new Latencies(measured.stream().mapToLong(BrowserSignIn.Timing::totalNanos).toArray()).summary());
            if (options.flow().hasSecondFactor()) {
                line("second factor ms", new Latencies(measured.stream().mapToLong(BrowserSignIn.Timing::secondFactorNanos).toArray()).summary());
            }
            for (SignInStep step : SignInStep.values()) {
                long[] nanos = measured.stream().filter(timing -> timing.stepNanos().containsKey(step))
                        .mapToLong(timing -> timing.stepNanos().get(step)).toArray();
                if (nanos.length > 0) {
                    line("step " + step.name().toLowerCase().replace('_', ' ') + " ms", new Latencies(nanos).summary());
                }
            }
            measured.stream().mapToInt(BrowserSignIn.Timing::requests).average()
                    .ifPresent(requests -> line("requests/sign-in", String.format("%.2f (redirects followed included)", requests)));
            window.serverCpuNanos().ifPresent(cpu -> printServerCpu(cpu, measured.size(), cores));
            cpuByStep.ifPresent(this::printCpuByStep);
            line("failures", failures.isEmpty() ? "none in the window" : "");
            failures.forEach((reason, count) -> line("  " + count + "x", reason));
            line("whole run", measurements.completedCount() + " sign-ins completed, " + measurements.failedCount()
                    + " failed (warm-up and in-flight at the end included)");
            if (measurements.waitsForUsableUser() > 0) {
                line("starved", measurements.waitsForUsableUser() + " times no seeded user had a usable code: seed more users");
            }
            for (String name : stateAfter.keySet()) {
                line(name, stateBefore.getOrDefault(name, 0L) + " before, " + stateAfter.get(name) + " after");
            }
            rssAfter.ifPresent(rss -> line("server RSS after", String.format("%.0f MiB", mib(rss))));
            if (heapBefore.isPresent() && heapAfter.isPresent()) {
                line("heap after full GC", String.format("%.1f MiB before, %.1f MiB after (%+.1f MiB)",
                        mib(heapBefore.getAsLong()), mib(heapAfter.getAsLong()), mib(heapAfter.getAsLong() - heapBefore.getAsLong())));
            }
        }

        private void printServerCpu(long serverCpuNanos, int signIns, int cores) {
            if (signIns == 0) {
                return;
            }
            // The checks made halfway through ran in the server too: their CPU is not the sign-ins'.
            double checksCpuMillis = passwordCheckUnderLoad.isEmpty() ? 0
                    : passwordCheckUnderLoad.get("samples") * passwordCheckUnderLoad.get("cpu_ms_median");
            double cpuPerSignInMillis = (serverCpuNanos / 1e6 - checksCpuMillis) / signIns;
            line("server CPU", String.format("%.1f ms per sign-in (%.1f s in the window%s); with %d cores to itself: %.2f sign-ins/s",
                    cpuPerSignInMillis, serverCpuNanos / 1e9, checksCpuMillis > 0 ? String.format(", of which %.1f s the mid-window password checks", checksCpuMillis / 1000) : "",
                    cores, cores / (cpuPerSignInMillis / 1000)));
            window.hashing().filter(hashing -> hashing.count() > 0).ifPresent(hashing -> {
                double hashingMillis = hashing.cpuNanos() / 1e6;
                line("hashes in the window", String.format("%d, %.1f ms CPU each (mean, under the load), %.1f %% of the server's CPU",
                        hashing.count(), hashingMillis / hashing.count(), 100 * hashingMillis / (serverCpuNanos / 1e6)));
                line("CPU beside the hashes", String.format("%.1f ms per sign-in (server CPU in the window minus the CPU of every hash"
                        + " computed in it, as the portal counts it)", (serverCpuNanos / 1e6 - hashingMillis) / signIns));
            });
            if (!passwordCheck.isEmpty() && options.flow() != SignInFlow.PASSKEY) {
                line("CPU minus one hash", String.format("%.1f ms per sign-in (server CPU per sign-in minus the password check's CPU before the load)",
                        cpuPerSignInMillis - passwordCheck.get("cpu_ms_median")));
            }
            if (!passwordCheckUnderLoad.isEmpty()) {
                double checkUnderLoad = passwordCheckUnderLoad.get("cpu_ms_median");
                line("password check, load", String.format("%.1f ms CPU, %.1f ms wall (medians of %.0f checks halfway through the window)",
                        checkUnderLoad, passwordCheckUnderLoad.get("wall_ms_median"), passwordCheckUnderLoad.get("samples")));
                if (options.flow() == SignInFlow.PASSKEY) {
                    return; // no password check in a passkey sign-in
                }
                line("hashing share", String.format("%.1f %% of the server CPU per sign-in is the password check (both under the load):"
                        + " the sign-ins/s the server would reach with the machine to itself, relative to cores / hash time", 100 * checkUnderLoad / cpuPerSignInMillis));
            }
        }

        private String whereChecked() {
            return options.target() == Target.KEYCLOAK
                    ? "of " + options.keycloakHash().describe() + " in the driver's JVM with Bouncy Castle, as Keycloak hashes"
                    : "in the server";
        }

        private void printCpuByStep(CpuByStep steps) {
            Map<SignInStep, CpuByStep.StepCost> costs = steps.costs();
            costs.forEach((step, cost) -> line("server CPU " + step.name().toLowerCase().replace('_', ' '),
                    String.format("%.2f ms per request (%d requests)", cost.millisEach(), cost.count())));
            double passwordSignIn = millisEach(costs, SignInStep.PASSWORD_SIGN_IN);
            line("password sign-in", String.format("%.2f ms server CPU (login page + password form + landing page)", passwordSignIn));
            if (options.flow().hasSecondFactor()) {
                double secondFactor = millisEach(costs, SignInStep.SECOND_FACTOR);
                line("second factor", String.format("%.2f ms server CPU (code page + code form) = %.1f %% of a password sign-in",
                        secondFactor, 100 * secondFactor / passwordSignIn));
            }
        }

        private static double millisEach(Map<SignInStep, CpuByStep.StepCost> costs, Set<SignInStep> steps) {
            return steps.stream().mapToDouble(step -> costs.containsKey(step) ? costs.get(step).millisEach() : 0).sum();
        }

        /** The share of the machine's CPU that neither the server nor this driver used during the window. */
        private String otherProcessesShare() {
            MachineCpu start = window.machineAtStart();
            MachineCpu end = window.machineAtEnd();
            double total = end.totalNanos() - start.totalNanos();
            if (total <= 0) {
                return "not measured (empty window)";
            }
            double busy = end.busyNanos() - start.busyNanos();
            double driver = end.driverNanos() - start.driverNanos();
            OptionalLong server = window.serverCpuNanos();
            if (server.isEmpty()) {
                return String.format("machine %.0f %% busy during the window, driver %.0f %% (server not measured: no --server-pid)",
                        100 * busy / total, 100 * driver / total);
            }
            double others = Math.max(0, busy - driver - server.getAsLong());
            return String.format("%.0f %% of the machine's CPU during the window (server %.0f %%, driver %.0f %%, idle %.0f %%)",
                    100 * others / total, 100 * server.getAsLong() / total, 100 * driver / total, 100 * (total - busy) / total);
        }

        private void line(String name, String value) {
            out.printf("%-22s %s%n", name, value);
        }

        private static double mib(long bytes) {
            return bytes / 1024.0 / 1024.0;
        }
    }
}
