package org.mfaportal.bench.seeding;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.mfaportal.account.PasswordHasher;

/**
 * The floor of every sign-in, measured where sign-ins run: one password check through the portal's own
 * {@link PasswordHasher} (Jakarta Security's Pbkdf2PasswordHash with the deployed iteration count) in the server's JVM.
 * Reports thread CPU time beside wall time: CPU time does not change when other processes compete for the cores.
 *
 * <p>GET {@code samples} (1 to 50). Answers tab-separated {@code name value} lines, times in milliseconds.
 */
@WebServlet("/bench/password-check-cost")
public class PasswordCheckCostServlet extends HttpServlet {

    static final int MAX_SAMPLES = 50;

    private static final char[] SAMPLE_PASSWORD = "bench sample password".toCharArray();

    @Inject
    PasswordHasher passwordHasher;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int samples;
        try {
            samples = Integer.parseInt(request.getParameter("samples"));
        } catch (NumberFormatException e) {
            samples = 0;
        }
        if (samples < 1 || samples > MAX_SAMPLES) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "samples must be 1.." + MAX_SAMPLES);
            return;
        }
        String storedHash = passwordHasher.hash(SAMPLE_PASSWORD);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpuNanos = new long[samples];
        long[] wallNanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            if (!passwordHasher.verify(SAMPLE_PASSWORD, storedHash)) {
                throw new IllegalStateException("The password just hashed did not verify");
            }
            wallNanos[i] = System.nanoTime() - wallStart;
            cpuNanos[i] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        response.setContentType("text/tab-separated-values;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("samples\t" + samples);
        out.println("cpu_ms_median\t" + millis(median(cpuNanos)));
        out.println("cpu_ms_min\t" + millis(Arrays.stream(cpuNanos).min().orElseThrow()));
        out.println("wall_ms_median\t" + millis(median(wallNanos)));
        out.println("wall_ms_min\t" + millis(Arrays.stream(wallNanos).min().orElseThrow()));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
