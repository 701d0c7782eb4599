package org.mfaportal.bench.users;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mfaportal.mfa.totp.Base32;
import org.mfaportal.mfa.totp.HmacAlgorithm;
import org.mfaportal.mfa.totp.Totp;

/**
 * The seeded users, one tab-separated line each, written by the seeding command and read by the load driver. The TOTP
 * secret is Base32 as authenticator apps take it; users without an authenticator app leave the TOTP columns empty.
 * It holds working credentials of the benchmark server: keep it out of the repository (bench/README.md).
 */
public final class UsersFile {

    static final String HEADER = String.join("\t", "username", "password", "totp_secret_base32", "totp_algorithm",
            "totp_digits", "totp_period_seconds", "totp_enrolment_step", "recovery_codes");

    private UsersFile() {
    }

    /**
     * Where the load driver writes down the one-time codes it has used for the users of {@code usersFile}. Writing a
     * new users file removes it: the new users have used none.
     */
    public static Path usageLedgerOf(Path usersFile) {
        return usersFile.resolveSibling(usersFile.getFileName() + ".used");
    }

    public static void write(Path file, List<SeededUser> users) throws IOException {
        Files.deleteIfExists(usageLedgerOf(file));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.newLine();
            for (SeededUser user : users) {
                out.write(line(user));
                out.newLine();
            }
        }
    }

    /**
     * Reads one line as the seeding servlet answers it: username, then the TOTP columns and the recovery codes
     * (empty for a user without an authenticator app). The password is not in the servlet's answer: the caller chose it.
     */
    public static SeededUser fromSeedingAnswer(String answerLine, String password) {
        String[] columns = answerLine.split("\t", -1);
        String[] withPassword = new String[columns.length + 1];
        withPassword[0] = columns[0];
        withPassword[1] = password;
        System.arraycopy(columns, 1, withPassword, 2, columns.length - 1);
        return parse(withPassword, answerLine);
    }

    public static List<SeededUser> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + " is not a users file of the seeding command (header differs)");
        }
        List<SeededUser> users = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                users.add(parse(line.split("\t", -1), line));
            }
        }
        return users;
    }

    private static SeededUser parse(String[] columns, String line) {
        if (columns.length != 8) {
            throw new IllegalArgumentException("Expected 8 tab-separated columns, got " + columns.length + ": " + line);
        }
        Optional<AuthenticatorAppKey> app = columns[2].isEmpty()
                ? Optional.empty()
                : Optional.of(new AuthenticatorAppKey(Base32.decode(columns[2]),
                        new Totp(HmacAlgorithm.fromName(columns[3]), Integer.parseInt(columns[4]), Integer.parseInt(columns[5])),
                        Long.parseLong(columns[6])));
        List<String> recoveryCodes = columns[7].isEmpty() ? List.of() : Arrays.asList(columns[7].split(","));
        return new SeededUser(columns[0], columns[1], app, recoveryCodes);
    }

    private static String line(SeededUser user) {
        String appColumns = user.app()
                .map(app -> String.join("\t", Base32.encode(app.secret()), app.totp().algorithm().name(),
                        Integer.toString(app.totp().digits()), Integer.toString(app.totp().periodSeconds()),
                        Long.toString(app.enrolmentStep())))
                .orElse("\t\t\t\t");
        return String.join("\t", user.username(), user.password(), appColumns, String.join(",", user.recoveryCodes()));
    }
}
