package org.mfaportal.bench.load;

import java.net.URI;
import org.mfaportal.bench.LocalServer;

/**
 * Reads, without any load, what must return to its baseline: the server's heap after a full GC, the portal's table
 * sizes and the live HTTP sessions. For the "no growth" check some time after a load run, e.g. once its sessions have
 * timed out.
 *
 * <pre>java -cp bench-harness.jar org.mfaportal.bench.load.ServerStateProbe --server-pid PID [--base-url http://localhost:8780]</pre>
 */
public final class ServerStateProbe {

    private ServerStateProbe() {
    }

    public static void main(String[] args) throws Exception {
        long pid = -1;
        URI baseUrl = LocalServer.baseUrl("http://localhost:8780");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--server-pid" -> pid = Long.parseLong(args[i + 1]);
                case "--base-url" -> baseUrl = LocalServer.baseUrl(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (pid < 0) {
            throw new IllegalArgumentException("--server-pid is required");
        }
        BenchEndpoints bench = new BenchEndpoints(BrowserSession.newHttpClient(), baseUrl);
        System.out.printf("%-22s %s%n", "load average", MachineCpu.now().loadAverage());
        System.out.printf("%-22s %.1f MiB%n", "heap after full GC", new ServerProcess(pid).heapUsedAfterFullGcBytes() / 1024.0 / 1024.0);
        bench.state().forEach((name, value) -> System.out.printf("%-22s %d%n", name, value));
    }
}
