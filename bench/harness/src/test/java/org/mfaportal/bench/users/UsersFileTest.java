package org.mfaportal.bench.users;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mfaportal.mfa.totp.HmacAlgorithm;
import org.mfaportal.mfa.totp.Totp;

class UsersFileTest {

    @TempDir
    Path directory;

    @Test
    void readsWhatTheSeedingServletAnswersAndWritesItBackUnchanged() throws IOException {
        SeededUser withApp = UsersFile.fromSeedingAnswer(
                "bench-totp-000001\tGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\tSHA1\t6\t30\t59867681\tAAAA-BBBB-CCCC-DDDD,EEEE-FFFF-GGGG-HHHH", "pw");
        SeededUser passwordOnly = UsersFile.fromSeedingAnswer("bench-pw-000001\t\t\t\t\t\t", "pw");

        assertEquals(new Totp(HmacAlgorithm.SHA1, 6, 30), withApp.app().orElseThrow().totp());
        assertArrayEquals("12345678901234567890".getBytes(), withApp.app().orElseThrow().secret());
        assertEquals(59867681, withApp.app().orElseThrow().enrolmentStep());
        assertEquals(List.of("AAAA-BBBB-CCCC-DDDD", "EEEE-FFFF-GGGG-HHHH"), withApp.recoveryCodes());
        assertTrue(passwordOnly.app().isEmpty());
        assertEquals(List.of(), passwordOnly.recoveryCodes());

        Path file = directory.resolve("users.tsv");
        UsersFile.write(file, List.of(withApp, passwordOnly));
        List<SeededUser> read = UsersFile.read(file);
        assertEquals(List.of("bench-totp-000001", "bench-pw-000001"), read.stream().map(SeededUser::username).toList());
        assertArrayEquals(withApp.app().orElseThrow().secret(), read.get(0).app().orElseThrow().secret());
        assertEquals("pw", read.get(1).password());
    }

    @Test
    void aNewUsersFileForgetsTheCodesUsedByTheOldUsers() throws IOException {
        Path file = directory.resolve("users.tsv");
        Files.writeString(UsersFile.usageLedgerOf(file), "bench-totp-000001\ttotp-step\t1\n");
        UsersFile.write(file, List.of());
        assertFalse(Files.exists(UsersFile.usageLedgerOf(file)));
    }
}
