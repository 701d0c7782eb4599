package org.mfaportal.mfa.webauthn;

import com.webauthn4j.anchor.TrustAnchorRepository;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.statement.CertificateBaseAttestationStatement;
import com.webauthn4j.metadata.LocalFileMetadataBLOBProvider;
import com.webauthn4j.metadata.LocalFilesMetadataStatementsProvider;
import com.webauthn4j.metadata.MetadataStatementsProvider;
import com.webauthn4j.metadata.anchor.MetadataBLOBBasedTrustAnchorRepository;
import com.webauthn4j.metadata.anchor.MetadataStatementsBasedTrustAnchorRepository;
import com.webauthn4j.metadata.converter.jackson.WebAuthnMetadataJSONModule;
import com.webauthn4j.metadata.data.MetadataBLOBPayloadEntry;
import com.webauthn4j.metadata.data.statement.MetadataStatement;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.DefaultCertPathTrustworthinessVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.dataformat.cbor.CBORMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * FIDO Metadata Service statements the operator provides (never fetched at run time): the names of authenticator
 * models by AAGUID, and the attestation roots a model's attestation certificate must chain to. Pure webauthn4j
 * (webauthn4j-metadata), no container.
 *
 * <p>One path, three shapes: a folder of metadata statements ({@code *.json}), one statement ({@code .json} file), or
 * the MDS3 BLOB as downloaded from {@code https://mds3.fidoalliance.org/} (a JWT). The BLOB's entries whose status
 * says the model's attestation key was compromised or revoked give no trust anchor (webauthn4j's rule); the portal
 * reads the file the operator put there and does not check the BLOB's signing chain itself.
 */
public final class AuthenticatorMetadata {

    /** No metadata: no names, nothing verifies against roots. */
    public static final AuthenticatorMetadata NONE = new AuthenticatorMetadata(null, Map.of(), null);

    private static final ObjectConverter CONVERTER = new ObjectConverter(JsonMapper.builder().addModule(new WebAuthnMetadataJSONModule()).build(),
            new CBORMapper());

    private final Path source;
    private final Map<String, String> names;
    private final TrustAnchorRepository anchors;

    private AuthenticatorMetadata(Path source, Map<String, String> names, TrustAnchorRepository anchors) {
        this.source = source;
        this.names = Map.copyOf(names);
        this.anchors = anchors;
    }

    /**
     * Reads a folder of statements, one statement or an MDS3 BLOB.
     *
     * @throws IllegalArgumentException naming the file, when it is missing or not metadata
     */
    public static AuthenticatorMetadata load(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("mfa.webauthn.metadata-file: " + path + " does not exist");
        }
        try {
            if (Files.isDirectory(path)) {
                Path[] files;
                try (Stream<Path> listed = Files.list(path)) {
                    files = listed.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toArray(Path[]::new);
                }
                return fromStatements(path, new LocalFilesMetadataStatementsProvider(CONVERTER, files));
            }
            if (startsWithBrace(path)) {
                return fromStatements(path, new LocalFilesMetadataStatementsProvider(CONVERTER, path));
            }
            LocalFileMetadataBLOBProvider blob = new LocalFileMetadataBLOBProvider(CONVERTER, path);
            Map<String, String> names = new TreeMap<>();
            blob.provide().getPayload().getEntries().stream().filter(entry -> entry.getAaguid() != null && entry.getMetadataStatement() != null)
                    .forEach(entry -> names.put(canonical(entry.getAaguid()), describe(entry)));
            MetadataBLOBBasedTrustAnchorRepository anchors = new MetadataBLOBBasedTrustAnchorRepository(blob);
            anchors.setNotFidoCertifiedAllowed(true);
            anchors.setSelfAssertionSubmittedAllowed(true);
            return new AuthenticatorMetadata(path, names, anchors);
        } catch (IOException | RuntimeException unreadable) {
            if (unreadable instanceof IllegalArgumentException known && known.getMessage() != null && known.getMessage().startsWith("mfa.")) {
                throw known;
            }
            throw new IllegalArgumentException("mfa.webauthn.metadata-file: " + path
                    + " is neither a folder of FIDO metadata statements, a statement (JSON) nor an MDS3 BLOB: " + unreadable.getMessage(), unreadable);
        }
    }

    private static AuthenticatorMetadata fromStatements(Path path, MetadataStatementsProvider provider) {
        List<MetadataStatement> statements = provider.provide();
        Map<String, String> names = new TreeMap<>();
        statements.stream().filter(statement -> statement.getAaguid() != null)
                .forEach(statement -> names.put(canonical(statement.getAaguid()), Objects.requireNonNullElse(statement.getDescription(), "")));
        return new AuthenticatorMetadata(path, names, new MetadataStatementsBasedTrustAnchorRepository(() -> statements));
    }

    private static boolean startsWithBrace(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int first;
            do {
                first = in.read();
            } while (first != -1 && Character.isWhitespace(first));
            return first == '{';
        }
    }

    private static String describe(MetadataBLOBPayloadEntry entry) {
        return Objects.requireNonNullElse(entry.getMetadataStatement().getDescription(), "");
    }

    private static String canonical(AAGUID aaguid) {
        return aaguid.getValue().toString();
    }

    public boolean loaded() {
        return anchors != null;
    }

    /** Where the metadata came from, for the log. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** The models the metadata names. */
    public int size() {
        return names.size();
    }

    /** Whether the metadata has a statement for this model (lower-case AAGUID). */
    public boolean knows(String aaguid) {
        return aaguid != null && names.containsKey(aaguid);
    }

    /** The model's name ("description" in its statement), by lower-case AAGUID. */
    public Optional<String> nameOf(String aaguid) {
        return Optional.ofNullable(aaguid).map(names::get).filter(name -> !name.isBlank());
    }

    /**
     * Whether the attestation certificate chain ends at a root the metadata names for this model (and the model's
     * status allows it). False without metadata.
     */
    public boolean verifies(AAGUID aaguid, CertificateBaseAttestationStatement statement, Instant now) {
        if (anchors == null || statement.getX5c() == null || statement.getX5c().isEmpty()) {
            return false;
        }
        try {
            new DefaultCertPathTrustworthinessVerifier(anchors).verify(aaguid, statement, now);
            return true;
        } catch (RuntimeException untrusted) {
            return false;
        }
    }
}
