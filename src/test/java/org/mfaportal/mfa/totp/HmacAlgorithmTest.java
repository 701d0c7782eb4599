package org.mfaportal.mfa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.crypto.Mac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HmacAlgorithmTest {

    @ParameterizedTest
    @CsvSource({
            "SHA1, SHA1", "sha1, SHA1", "HmacSHA1, SHA1", "HMACSHA1, SHA1",
            "SHA256, SHA256", "sha256, SHA256", "HmacSHA256, SHA256",
            "SHA512, SHA512", "Sha512, SHA512", "HmacSHA512, SHA512", "hmacsha512, SHA512",
    })
    void fromNameAcceptsUriAndJcaNamesInAnyCase(String name, HmacAlgorithm expected) {
        assertEquals(expected, HmacAlgorithm.fromName(name));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "MD5", "SHA-1", "SHA384", "HmacSHA384", "SHA 256"})
    void fromNameRejectsAnythingElseWithAClearMessage(String name) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> HmacAlgorithm.fromName(name));
        assertTrue(error.getMessage().contains("SHA1, SHA256, SHA512"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(HmacAlgorithm.class)
    void jcaNameIsAvailableOnThisPlatform(HmacAlgorithm algorithm) throws Exception {
        assertEquals(algorithm.jcaName(), Mac.getInstance(algorithm.jcaName()).getAlgorithm());
    }

    @Test
    void uriNamesAreTheOtpauthSpellings() {
        assertEquals("SHA1", HmacAlgorithm.SHA1.uriName());
        assertEquals("SHA256", HmacAlgorithm.SHA256.uriName());
        assertEquals("SHA512", HmacAlgorithm.SHA512.uriName());
        assertEquals("HmacSHA256", HmacAlgorithm.SHA256.jcaName());
    }
}
