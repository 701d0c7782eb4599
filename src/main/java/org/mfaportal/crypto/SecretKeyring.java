package org.mfaportal.crypto;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.logging.Logger;
import org.mfaportal.config.PortalConfig;

/**
 * Holds the cipher that seals factor secrets at rest. Loaded at deployment so that a missing or malformed
 * {@code mfa.secret-key} stops the deployment with a clear message instead of failing at the first enrolment.
 */
@Singleton
@Startup
public class SecretKeyring {

    private static final Logger LOG = Logger.getLogger(SecretKeyring.class.getName());

    @Inject
    PortalConfig config;

    private SecretCipher cipher;

    @PostConstruct
    void load() {
        String key = config.secretKey().orElseGet(() -> config.devMode() ? devModeKey() : null);
        cipher = SecretCipher.fromBase64Key(key);
    }

    public SecretCipher cipher() {
        return cipher;
    }

    /** Whether the key is loaded and a value sealed with it opens again (the health checks ask). */
    public boolean works() {
        if (cipher == null) {
            return false;
        }
        try {
            byte[] probe = {1, 2, 3, 4};
            return java.util.Arrays.equals(probe, cipher.decrypt(cipher.encrypt(probe, "health"), "health"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Dev mode keeps a generated key next to its database, so secrets sealed before a restart still open after it.
     */
    private static String devModeKey() {
        Path file = Path.of(System.getProperty("jboss.server.data.dir", "."), "mfa-portal", "dev-secret-key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            Files.createDirectories(file.getParent());
            String generated = SecretCipher.generateBase64Key(new SecureRandom());
            Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                    generated, StandardCharsets.US_ASCII);
            LOG.warning(() -> "Dev mode: generated a secret key in " + file + "; production needs mfa.secret-key");
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Dev mode could not keep its secret key in " + file, e);
        }
    }
}
