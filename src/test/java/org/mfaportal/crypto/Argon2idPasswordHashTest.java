package org.mfaportal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mfaportal.crypto.Argon2idPasswordHash.Cost;

/**
 * Against strings written by the Argon2 reference implementation (Debian's {@code argon2} 0~20171227, e.g.
 * {@code echo -n "correct horse battery staple" | argon2 saltsaltsalt16b -id -t 2 -k 19456 -p 1 -l 32 -e}), so the
 * format, the parameters and the UTF-8 encoding agree with what other systems store.
 */
class Argon2idPasswordHashTest {

    private static final String REFERENCE_OWASP_COST =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0MTZi$ruW22rZ+Z2oQpc09UDt/snC/wUlvZib0deQGUp52TIc";
    private static final String REFERENCE_TWO_LANES_NON_ASCII =
            "$argon2id$v=19$m=64,t=3,p=2$YW5vdGhlcnNhbHQxMjM0NQ$MFjP3kEoypovTPJGCeF3W50cyEdgflQZLJcogU0EjNM";
    private static final String REFERENCE_ARGON2I =
            "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0MTZi$GcwqQntffSk5xpFICKyLqWCUS6ju4zD/58XLe5FjIzU";

    private final Argon2idPasswordHash cheap = new Argon2idPasswordHash(new Cost(64, 1, 1));

    @Test
    void verifiesHashesOfTheReferenceImplementation() {
        assertTrue(cheap.verify("correct horse battery staple".toCharArray(), REFERENCE_OWASP_COST));
        assertTrue(cheap.verify("p\u00e4ssw\u00f6rd".toCharArray(), REFERENCE_TWO_LANES_NON_ASCII));
    }

    @Test
    void refusesAWrongPassword() {
        assertFalse(cheap.verify("correct horse battery stapler".toCharArray(), REFERENCE_OWASP_COST));
        assertFalse(cheap.verify("passw\u00f6rd".toCharArray(), REFERENCE_TWO_LANES_NON_ASCII));
    }

    @Test
    void aChangedParameterOrSaltNoLongerMatches() {
        char[] password = "correct horse battery staple".toCharArray();
        assertFalse(cheap.verify(password, REFERENCE_OWASP_COST.replace("t=2", "t=3")));
        assertFalse(cheap.verify(password, REFERENCE_OWASP_COST.replace("c2FsdHNhbHRzYWx0MTZi", "c2FsdHNhbHRzYWx0MTZj")));
    }

    @Test
    void otherVariantsAndMalformedStringsAreNotVerified() {
        char[] password = "correct horse battery staple".toCharArray();
        assertFalse(cheap.verify(password, REFERENCE_ARGON2I));
        assertFalse(cheap.verify(password, ""));
        assertFalse(cheap.verify(password, null));
        assertFalse(cheap.verify(password, "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0MTZi$ruW22rZ+Z2oQpc09UDt/snC/wUlvZib0deQGUp52TIc"));
        assertFalse(cheap.verify(password, "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0MTZi$ruW22rZ+Z2oQpc09UDt/snC/wUlvZib0deQGUp52TIc"),
                "a cost beyond the limit is never computed");
        assertFalse(cheap.verify(password, "PBKDF2WithHmacSHA512:210000:c2FsdA==:aGFzaA=="));
    }

    @Test
    void generatesARoundTripWithAFreshSaltEachTime() {
        String first = cheap.generate("s3cret passphrase".toCharArray());
        String second = cheap.generate("s3cret passphrase".toCharArray());

        assertTrue(first.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), first);
        assertNotEquals(first, second);
        assertTrue(cheap.verify("s3cret passphrase".toCharArray(), first));
        assertTrue(cheap.verify("s3cret passphrase".toCharArray(), second));
        assertFalse(cheap.verify("s3cret passphrasf".toCharArray(), first));
    }

    @Test
    void aHashBelowTheConfiguredCostOrInAnotherFormatNeedsAnUpgrade() {
        Argon2idPasswordHash owasp = new Argon2idPasswordHash(new Cost(19456, 2, 1));

        assertFalse(owasp.needsUpgrade(REFERENCE_OWASP_COST));
        assertTrue(owasp.needsUpgrade(REFERENCE_TWO_LANES_NON_ASCII), "less memory");
        assertTrue(new Argon2idPasswordHash(new Cost(19456, 3, 1)).needsUpgrade(REFERENCE_OWASP_COST), "fewer passes");
        assertFalse(new Argon2idPasswordHash(new Cost(7168, 5, 1)).needsUpgrade("$argon2id$v=19$m=7168,t=5,p=1$c2FsdHNhbHRzYWx0MTZi$ruW22rZ+Z2oQpc09UDt/snC/wUlvZib0deQGUp52TIc"));
        assertTrue(owasp.needsUpgrade("PBKDF2WithHmacSHA512:210000:c2FsdA==:aGFzaA=="));
        assertTrue(owasp.needsUpgrade(REFERENCE_ARGON2I));
    }

    @Test
    void aCostOutsideSaneBoundsIsRefusedWithItsReason() {
        IllegalArgumentException tooLittle = assertThrows(IllegalArgumentException.class, () -> new Cost(4, 2, 1));
        assertTrue(tooLittle.getMessage().contains("memory"), tooLittle.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Cost(19456, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Cost(19456, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Cost(2 * 1024 * 1024, 2, 1));
    }

    @Test
    void theAlgorithmIsChosenByItsConfiguredName() {
        assertEquals(PasswordHashAlgorithm.ARGON2ID, PasswordHashAlgorithm.fromConfigName(" Argon2id "));
        assertEquals(PasswordHashAlgorithm.PBKDF2_SHA512, PasswordHashAlgorithm.fromConfigName("pbkdf2-sha512"));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> PasswordHashAlgorithm.fromConfigName("argon2"));
        assertTrue(typo.getMessage().contains("pbkdf2-sha512, argon2id"), typo.getMessage());
    }
}
