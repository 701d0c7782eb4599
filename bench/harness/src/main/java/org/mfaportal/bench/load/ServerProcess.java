package org.mfaportal.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal's server JVM seen from outside, on the same machine: its CPU time from /proc (all threads: request
 * handling, GC, JIT) and its heap after a full collection through jcmd.
 */
final class ServerProcess {

    /** G1's line: {@code total 1048576K, used …} on JDK 17, {@code total reserved 1048576K, committed 1048576K, used …} on 21 and later. */
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total (?:reserved \\d+K, committed )?\\d+K, used (\\d+)K");

    private final long pid;
    private final long nanosPerTick;

    ServerProcess(long pid) {
        this.pid = pid;
        this.nanosPerTick = 1_000_000_000L / ClockTicks.perSecond();
        if (!Files.isReadable(statFile())) {
            throw new IllegalArgumentException("No process " + pid + " to measure");
        }
    }

    /** User plus system CPU time of all the process's threads so far (proc(5): utime, stime). */
    long cpuNanos() {
        try {
            String stat = Files.readString(statFile(), StandardCharsets.US_ASCII);
            // The command name in parentheses may contain spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long userTicks = Long.parseLong(fields[11]);
            long systemTicks = Long.parseLong(fields[12]);
            return (userTicks + systemTicks) * nanosPerTick;
        } catch (IOException e) {
            throw new IllegalStateException("The server process " + pid + " is gone", e);
        }
    }

    /** The process's resident set size now (VmRSS of /proc/PID/status), in bytes. */
    long rssBytes() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElseThrow(() -> new IllegalStateException("No VmRSS for process " + pid));
        } catch (IOException e) {
            throw new IllegalStateException("The server process " + pid + " is gone", e);
        }
    }

    /** Runs a full GC in the server, then reads how much heap is still used: what the server really retains. */
    long heapUsedAfterFullGcBytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        return heapUsedBytes(jcmd("GC.heap_info"));
    }

    static long heapUsedBytes(String heapInfo) throws IOException {
        Matcher used = HEAP_USED.matcher(heapInfo);
        if (!used.find()) {
            throw new IOException("jcmd GC.heap_info printed no heap total/used line");
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        if (!jcmd.waitFor(2, TimeUnit.MINUTES)) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + command + " did not finish within 2 minutes");
        }
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    private Path statFile() {
        return Path.of("/proc", Long.toString(pid), "stat");
    }
}
