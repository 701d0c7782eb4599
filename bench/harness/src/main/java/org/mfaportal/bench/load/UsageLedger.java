package org.mfaportal.bench.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Every one-time code the driver has submitted, appended to a file beside the users file
 * ({@link org.mfaportal.bench.users.UsersFile#usageLedgerOf}), so the next run knows them too: the portal accepts a
 * TOTP time step only once per user and a recovery code only once.
 * A code is written down before it is submitted, so even a run that breaks off never reuses one.
 */
final class UsageLedger implements AutoCloseable {

    static final String TOTP_STEP = "totp-step";
    static final String RECOVERY_CODE = "recovery-code";

    record Entry(String username, String kind, String value) {
    }

    private final BufferedWriter out;

    private UsageLedger(BufferedWriter out) {
        this.out = out;
    }

    static List<Entry> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(line -> line.split("\t", -1))
                .filter(columns -> columns.length == 3)
                .map(columns -> new Entry(columns[0], columns[1], columns[2]))
                .toList();
    }

    static UsageLedger appendingTo(Path file) throws IOException {
        return new UsageLedger(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    synchronized void record(String username, String kind, String value) {
        try {
            out.write(username + "\t" + kind + "\t" + value);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the usage ledger", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
