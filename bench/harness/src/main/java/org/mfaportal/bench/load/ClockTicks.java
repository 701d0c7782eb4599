package org.mfaportal.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The unit of CPU times in /proc (USER_HZ), as getconf reports it; 100 on Linux when it cannot be asked. */
final class ClockTicks {

    private static final long PER_SECOND = ask();

    private ClockTicks() {
    }

    static long perSecond() {
        return PER_SECOND;
    }

    private static long ask() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            getconf.waitFor();
            return Long.parseLong(answer);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
