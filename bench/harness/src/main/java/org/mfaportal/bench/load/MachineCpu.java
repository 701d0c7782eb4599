package org.mfaportal.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time (/proc/stat) and the driver's own, so a report can say how much of the machine other
 * processes took while it measured: the machine is shared with test suites, and a number taken while they ran must
 * say so.
 */
record MachineCpu(long busyNanos, long totalNanos, long driverNanos, String loadAverage) {

    static MachineCpu now() {
        try {
            String[] ticks = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long total = 0;
            for (int i = 1; i <= 8 && i < ticks.length; i++) {
                total += Long.parseLong(ticks[i]);
            }
            long idle = Long.parseLong(ticks[4]) + Long.parseLong(ticks[5]);
            long nanosPerTick = 1_000_000_000L / ClockTicks.perSecond();
            String[] load = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return new MachineCpu((total - idle) * nanosPerTick, total * nanosPerTick, driverCpuNanos(),
                    load[0] + " " + load[1] + " " + load[2]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long driverCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
