package org.mfaportal.bench.seeding;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import org.mfaportal.crypto.SlowHashLimiter;

/**
 * The portal's own account of its slow hashes since the server started ({@link SlowHashLimiter}): the load driver
 * reads it at both edges of its measured window, so the CPU of the hashes computed under the load is known exactly
 * rather than estimated from one hash timed apart. The same figures as the {@code mfa_slow_hash…} meters, without
 * the management interface. Answers {@code slow_hash_cpu_nanos} and {@code slow_hashes}, tab-separated.
 */
@WebServlet("/bench/hashing")
public class HashingTotalsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SlowHashLimiter hashing = SlowHashLimiter.shared();
        response.setContentType("text/tab-separated-values;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("slow_hash_cpu_nanos\t" + hashing.hashCpuTime().toNanos());
        out.println("slow_hashes\t" + hashing.hashesComputed());
    }
}
