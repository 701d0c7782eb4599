package org.mfaportal.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mfaportal.bench.users.AuthenticatorAppKey;
import org.mfaportal.bench.users.SeededUser;
import org.mfaportal.mfa.totp.Totp;

class RosterEntryTest {

    private static final Totp TOTP = Totp.defaults();
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:05Z");
    private static final long CURRENT_STEP = TOTP.timeStep(NOW);

    @TempDir
    Path directory;

    @Test
    void usesTheCurrentStepThenTheNextThenWaitsForTime() throws IOException {
        RosterEntry user = userEnrolledAt(CURRENT_STEP - 5);
        try (UsageLedger ledger = UsageLedger.appendingTo(directory.resolve("used"))) {
            assertEquals(TOTP.codeAt(SECRET, CURRENT_STEP), user.takeSecondFactorCode(SignInFlow.PASSWORD_AND_TOTP, NOW, ledger));
            assertTrue(user.canSignIn(SignInFlow.PASSWORD_AND_TOTP, NOW));
            assertEquals(TOTP.codeAt(SECRET, CURRENT_STEP + 1), user.takeSecondFactorCode(SignInFlow.PASSWORD_AND_TOTP, NOW, ledger));
            assertFalse(user.canSignIn(SignInFlow.PASSWORD_AND_TOTP, NOW), "both accepted steps are used");
            assertThrows(IllegalStateException.class, () -> user.takeSecondFactorCode(SignInFlow.PASSWORD_AND_TOTP, NOW, ledger));
            assertTrue(user.canSignIn(SignInFlow.PASSWORD_AND_TOTP, NOW.plusSeconds(30)), "the next step frees the user again");
        }
    }

    @Test
    void neverUsesTheStepTheEnrolmentConfirmed() throws IOException {
        RosterEntry user = userEnrolledAt(CURRENT_STEP);
        try (UsageLedger ledger = UsageLedger.appendingTo(directory.resolve("used"))) {
            assertNotEquals(TOTP.codeAt(SECRET, CURRENT_STEP), user.takeSecondFactorCode(SignInFlow.PASSWORD_AND_TOTP, NOW, ledger));
        }
    }

    @Test
    void writesEveryCodeDownBeforeHandingItOut() throws IOException {
        Path ledgerFile = directory.resolve("used");
        RosterEntry user = userEnrolledAt(CURRENT_STEP - 5);
        try (UsageLedger ledger = UsageLedger.appendingTo(ledgerFile)) {
            user.takeSecondFactorCode(SignInFlow.PASSWORD_AND_TOTP, NOW, ledger);
            user.takeSecondFactorCode(SignInFlow.PASSWORD_AND_RECOVERY_CODE, NOW, ledger);
        }
        assertEquals(List.of(new UsageLedger.Entry("bench-totp-000001", UsageLedger.TOTP_STEP, Long.toString(CURRENT_STEP)),
                new UsageLedger.Entry("bench-totp-000001", UsageLedger.RECOVERY_CODE, "AAAA-BBBB-CCCC-DDDD")), UsageLedger.read(ledgerFile));
    }

    @Test
    void aStepUsedInAnEarlierRunIsNotUsedAgain() throws IOException {
        RosterEntry user = userEnrolledAt(CURRENT_STEP - 5);
        user.totpStepUsed(CURRENT_STEP);
        try (UsageLedger ledger = UsageLedger.appendingTo(directory.resolve("used"))) {
            assertEquals(TOTP.codeAt(SECRET, CURRENT_STEP + 1), user.takeSecondFactorCode(SignInFlow.PASSWORD_AND_TOTP, NOW, ledger));
        }
    }

    @Test
    void recoveryCodesRunOut() throws IOException {
        RosterEntry user = userEnrolledAt(CURRENT_STEP - 5);
        try (UsageLedger ledger = UsageLedger.appendingTo(directory.resolve("used"))) {
            user.takeSecondFactorCode(SignInFlow.PASSWORD_AND_RECOVERY_CODE, NOW, ledger);
            user.recoveryCodeUsed("EEEE-FFFF-GGGG-HHHH");
            assertFalse(user.canSignIn(SignInFlow.PASSWORD_AND_RECOVERY_CODE, NOW));
        }
    }

    @Test
    void aMissingLedgerMeansNoCodeWasUsed() throws IOException {
        assertEquals(List.of(), UsageLedger.read(directory.resolve("missing")));
        assertFalse(Files.exists(directory.resolve("missing")));
    }

    private static RosterEntry userEnrolledAt(long step) {
        return new RosterEntry(new SeededUser("bench-totp-000001", "password", Optional.of(new AuthenticatorAppKey(SECRET, TOTP, step)),
                List.of("AAAA-BBBB-CCCC-DDDD", "EEEE-FFFF-GGGG-HHHH")));
    }
}
