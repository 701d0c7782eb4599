package org.mfaportal.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of secrets at rest (such as TOTP seeds).
 *
 * <p>Sealed format: {@code "v1:" + Base64(IV ‖ ciphertext ‖ tag)} with a 12-byte random IV and a
 * 128-bit tag. The associated data (for example {@code "totp:42"}) is authenticated but not
 * stored, binding each ciphertext to its row: copying it to another row makes decryption fail.
 * Instances are thread-safe.
 */
public final class SecretCipher {

    public static final String KEY_PROPERTY = "mfa.secret-key";
    public static final int KEY_BYTES = 32;

    private static final String VERSION_PREFIX = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    // NIST SP 800-38D §8.2.2: a 96-bit random IV; with random IVs one key must seal fewer than
    // 2^32 messages, far beyond the number of secrets a portal stores.
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String HOW_TO_GENERATE =
            "generate a key with `openssl rand -base64 32` and set it as " + KEY_PROPERTY
                    + " (keep it out of source control; losing it makes every stored secret unreadable)";

    private final SecretKeySpec key;
    private final SecureRandom random;

    private SecretCipher(byte[] keyBytes, SecureRandom random) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.random = random;
    }

    /**
     * Parses the configured key. Error messages are meant for operators and never echo the key,
     * not even a part of it.
     */
    public static SecretCipher fromBase64Key(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new InvalidSecretKeyException(KEY_PROPERTY + " is not set: " + HOW_TO_GENERATE);
        }
        byte[] keyBytes;
        try {
            keyBytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // The cause is dropped on purpose: its message quotes the offending key character.
            throw new InvalidSecretKeyException(
                    KEY_PROPERTY + " is not valid Base64 (standard alphabet, with '=' padding): " + HOW_TO_GENERATE);
        }
        if (keyBytes.length != KEY_BYTES) {
            int actualLength = keyBytes.length;
            Arrays.fill(keyBytes, (byte) 0);
            throw new InvalidSecretKeyException(
                    KEY_PROPERTY + " must decode to exactly " + KEY_BYTES + " bytes for AES-256, but it decodes to "
                            + actualLength + " bytes: " + HOW_TO_GENERATE);
        }
        return new SecretCipher(keyBytes, new SecureRandom());
    }

    public static String generateBase64Key(SecureRandom random) {
        byte[] keyBytes = new byte[KEY_BYTES];
        random.nextBytes(keyBytes);
        return Base64.getEncoder().encodeToString(keyBytes);
    }

    public String encrypt(byte[] plaintext, String associatedData) {
        if (plaintext == null) {
            throw new IllegalArgumentException("plaintext must not be null");
        }
        requireAssociatedData(associatedData);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertextAndTag = cipher.doFinal(plaintext);
            byte[] sealed = ByteBuffer.allocate(IV_BYTES + ciphertextAndTag.length)
                    .put(iv).put(ciphertextAndTag).array();
            return VERSION_PREFIX + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is required by every Java platform but failed", e);
        }
    }

    public byte[] decrypt(String sealed, String associatedData) {
        requireAssociatedData(associatedData);
        if (sealed == null) {
            throw new SecretDecryptionException("Sealed secret is null");
        }
        if (!sealed.startsWith(VERSION_PREFIX)) {
            throw new SecretDecryptionException(
                    "Sealed secret has an unknown format version (expected prefix \"" + VERSION_PREFIX + "\")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(VERSION_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretDecryptionException("Sealed secret is not valid Base64");
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretDecryptionException("Sealed secret is too short to hold an IV and an authentication tag");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException(
                    "Sealed secret failed authentication: wrong key, wrong associated data, or tampered data", e);
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException("Sealed secret could not be decrypted", e);
        }
    }

    private static void requireAssociatedData(String associatedData) {
        if (associatedData == null) {
            throw new IllegalArgumentException("associatedData must not be null (use e.g. \"totp:\" + row id)");
        }
    }

    @Override
    public String toString() {
        return "SecretCipher[AES-256-GCM, key hidden]";
    }
}
