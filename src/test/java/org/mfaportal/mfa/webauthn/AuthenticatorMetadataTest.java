package org.mfaportal.mfa.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorMetadataTest {

    private static final Path FOLDER = Path.of("src/test/resources/webauthn-metadata");

    @Test
    void aFolderOfStatementsNamesItsModels() {
        AuthenticatorMetadata metadata = AuthenticatorMetadata.load(FOLDER);

        assertTrue(metadata.loaded());
        assertEquals(3, metadata.size());
        assertEquals(Optional.of("Emulated Key A (test)"), metadata.nameOf("a11ce000-0000-4000-8000-00000000000a"));
        assertEquals(Optional.empty(), metadata.nameOf("00000000-0000-0000-0000-000000000001"));
    }

    @Test
    void oneStatementFileIsReadToo() {
        AuthenticatorMetadata metadata = AuthenticatorMetadata.load(FOLDER.resolve("model-b.json"));

        assertEquals(1, metadata.size());
        assertEquals(Optional.of("Emulated Key B (test)"), metadata.nameOf("b0b00000-0000-4000-8000-00000000000b"));
    }

    @Test
    void aMissingOrUnreadableFileIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> AuthenticatorMetadata.load(dir.resolve("nope.jwt")));
        assertTrue(missing.getMessage().contains("nope.jwt"));

        Path garbage = Files.writeString(dir.resolve("blob.jwt"), "not a JWT");
        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class, () -> AuthenticatorMetadata.load(garbage));
        assertTrue(unreadable.getMessage().startsWith("mfa.webauthn.metadata-file: " + garbage));
    }

    @Test
    void withoutMetadataNothingVerifies() {
        assertFalse(AuthenticatorMetadata.NONE.loaded());
        assertEquals(Optional.empty(), AuthenticatorMetadata.NONE.nameOf("a11ce000-0000-4000-8000-00000000000a"));
    }
}
