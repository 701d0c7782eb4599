package org.mfaportal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretCipherTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] TOTP_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String ROW = "totp:42";

    private final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateBase64Key(RANDOM));

    @Test
    void decryptingWhatWasEncryptedGivesThePlaintextBack() {
        String sealed = cipher.encrypt(TOTP_SEED, ROW);
        assertTrue(sealed.startsWith("v1:"), sealed);
        assertArrayEquals(TOTP_SEED, cipher.decrypt(sealed, ROW));
    }

    @Test
    void emptyPlaintextAndEmptyAssociatedDataRoundTrip() {
        assertArrayEquals(new byte[0], cipher.decrypt(cipher.encrypt(new byte[0], ""), ""));
    }

    @Test
    void sealedFormIsIvCiphertextAndTag() {
        byte[] sealed = Base64.getDecoder().decode(cipher.encrypt(TOTP_SEED, ROW).substring(3));
        assertEquals(12 + TOTP_SEED.length + 16, sealed.length);
    }

    @Test
    void everyEncryptionUsesAFreshIv() {
        String first = cipher.encrypt(TOTP_SEED, ROW);
        String second = cipher.encrypt(TOTP_SEED, ROW);
        assertNotEquals(first, second);
        assertNotEquals(first.substring(3, 19), second.substring(3, 19), "IV prefix must differ");
    }

    @Test
    void aKeyFromTheSameBase64DecryptsTheSame() {
        String key = SecretCipher.generateBase64Key(RANDOM);
        String sealed = SecretCipher.fromBase64Key(key).encrypt(TOTP_SEED, ROW);
        assertArrayEquals(TOTP_SEED, SecretCipher.fromBase64Key(key + "\n").decrypt(sealed, ROW));
    }

    @Test
    void wrongKeyFailsToDecrypt() {
        String sealed = cipher.encrypt(TOTP_SEED, ROW);
        SecretCipher other = SecretCipher.fromBase64Key(SecretCipher.generateBase64Key(RANDOM));
        assertThrows(SecretDecryptionException.class, () -> other.decrypt(sealed, ROW));
    }

    @Test
    void ciphertextMovedToAnotherRowFailsToDecrypt() {
        String sealed = cipher.encrypt(TOTP_SEED, ROW);
        assertThrows(SecretDecryptionException.class, () -> cipher.decrypt(sealed, "totp:43"));
        assertThrows(SecretDecryptionException.class, () -> cipher.decrypt(sealed, ""));
    }

    @Test
    void anySingleFlippedBitIsDetected() {
        String sealed = cipher.encrypt(TOTP_SEED, ROW);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] tampered = bytes.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            String tamperedSealed = "v1:" + Base64.getEncoder().encodeToString(tampered);
            assertThrows(SecretDecryptionException.class, () -> cipher.decrypt(tamperedSealed, ROW), "bit " + bit);
        }
    }

    @Test
    void truncatedCiphertextFailsToDecrypt() {
        String sealed = cipher.encrypt(TOTP_SEED, ROW);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            String truncatedSealed = "v1:" + Base64.getEncoder().encodeToString(truncated);
            assertThrows(SecretDecryptionException.class, () -> cipher.decrypt(truncatedSealed, ROW), "length " + length);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"v1:", "v1:!!!not base64!!!", "v2:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "garbage",
            "V1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void malformedOrUnknownInputFailsToDecrypt(String sealed) {
        assertThrows(SecretDecryptionException.class, () -> cipher.decrypt(sealed, ROW));
    }

    @Test
    void versionPrefixIsChecked() {
        String sealed = cipher.encrypt(TOTP_SEED, ROW);
        SecretDecryptionException error = assertThrows(SecretDecryptionException.class,
                () -> cipher.decrypt("v2:" + sealed.substring(3), ROW));
        assertTrue(error.getMessage().contains("version"), error.getMessage());
    }

    @Test
    void nullAssociatedDataIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> cipher.encrypt(TOTP_SEED, null));
        assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(cipher.encrypt(TOTP_SEED, ROW), null));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n"})
    void missingKeyExplainsHowToGenerateOne(String key) {
        InvalidSecretKeyException error =
                assertThrows(InvalidSecretKeyException.class, () -> SecretCipher.fromBase64Key(key));
        assertTrue(error.getMessage().startsWith("mfa.secret-key is not set"), error.getMessage());
        assertTrue(error.getMessage().contains("openssl rand -base64 32"), error.getMessage());
    }

    @Test
    void keyThatIsNotBase64IsRejectedWithoutEchoingIt() {
        String key = "Zq7#Xw9!Kp2$Lm4%Rt6&Vb8*";
        InvalidSecretKeyException error =
                assertThrows(InvalidSecretKeyException.class, () -> SecretCipher.fromBase64Key(key));
        assertTrue(error.getMessage().contains("not valid Base64"), error.getMessage());
        assertTrue(error.getMessage().contains("openssl rand -base64 32"), error.getMessage());
        assertNoKeyMaterialIn(error, key);
    }

    @Test
    void keyOfTheWrongLengthIsRejectedStatingItsLength() {
        String sixteenByteKey = Base64.getEncoder().encodeToString(new byte[] {
                11, 22, 33, 44, 55, 66, 77, 88, 99, 110, 121, 12, 23, 34, 45, 56});
        InvalidSecretKeyException error =
                assertThrows(InvalidSecretKeyException.class, () -> SecretCipher.fromBase64Key(sixteenByteKey));
        assertTrue(error.getMessage().contains("exactly 32 bytes"), error.getMessage());
        assertTrue(error.getMessage().contains("decodes to 16 bytes"), error.getMessage());
        assertNoKeyMaterialIn(error, sixteenByteKey);

        String thirtyThreeByteKey = Base64.getEncoder().encodeToString(new byte[33]);
        InvalidSecretKeyException tooLong =
                assertThrows(InvalidSecretKeyException.class, () -> SecretCipher.fromBase64Key(thirtyThreeByteKey));
        assertTrue(tooLong.getMessage().contains("decodes to 33 bytes"), tooLong.getMessage());
    }

    @Test
    void generatedKeysAreThirtyTwoRandomBytes() {
        String first = SecretCipher.generateBase64Key(RANDOM);
        assertEquals(32, Base64.getDecoder().decode(first).length);
        assertNotEquals(first, SecretCipher.generateBase64Key(RANDOM));
    }

    @Test
    void toStringDoesNotRevealTheKey() {
        assertFalse(cipher.toString().matches(".*[A-Za-z0-9+/]{40,}.*"), cipher.toString());
    }

    private static void assertNoKeyMaterialIn(Throwable error, String key) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (int i = 0; i + 4 <= key.length(); i++) {
                assertFalse(message.contains(key.substring(i, i + 4)),
                        "message leaks key fragment \"" + key.substring(i, i + 4) + "\": " + message);
            }
        }
    }
}
