package org.mfaportal.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ServerProcessTest {

    @Test
    void readsG1HeapUsedAsJdk17PrintsIt() throws IOException {
        String jdk17 = "1234:\n garbage-first heap   total 1048576K, used 102400K [0x00000000c0000000, 0x0000000100000000)\n"
                + "  region size 1024K, 1 young (1024K), 0 survivors (0K)\n";
        assertEquals(102400L * 1024, ServerProcess.heapUsedBytes(jdk17));
    }

    @Test
    void readsG1HeapUsedAsJdk25PrintsIt() throws IOException {
        String jdk25 = "1234:\ngarbage-first heap   total reserved 1048576K, committed 1048576K, used 194872K [0x00000000c0000000, 0x0000000100000000)\n"
                + " region size 1024K, 6 young (6144K), 0 survivors (0K)\n";
        assertEquals(194872L * 1024, ServerProcess.heapUsedBytes(jdk25));
    }

    @Test
    void saysSoWhenTheLineIsMissing() {
        assertThrows(IOException.class, () -> ServerProcess.heapUsedBytes("1234:\n def new generation   total 78656K, used 56K\n"));
    }
}
