package org.mfaportal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class TokenDigestTest {

    @Test
    void isSha256InBase64urlWithoutPadding() {
        // FIPS 180-2, appendix B.1: SHA-256("abc") = ba7816bf…f20015ad
        assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", TokenDigest.of("abc"));
    }

    @Test
    void isSha256InHex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenDigest.hexOf("abc"));
    }

    @Test
    void keepsNonAsciiCharactersApart() {
        // an ASCII encoding would turn both into "j?s?" and let two usernames share one throttling counter
        assertEquals("efbu9SmxCIsIALVwutDbvoxMFDwN0dd5KwrHztKQQKk", TokenDigest.of("jösé"));
        assertNotEquals(TokenDigest.of("jösé"), TokenDigest.of("jåsë"));
        assertNotEquals(TokenDigest.of("jösé"), TokenDigest.of("j?s?"));
    }
}
