package org.mfaportal.testing;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;

/**
 * A real LDAP server on loopback for the directory tests: UnboundID's in-memory directory server loaded from
 * {@code directory/company.ldif}, answering StartTLS with a self-signed certificate generated on first use. The
 * certificate (only) goes into a PKCS12 trust store that the portal is configured to trust.
 *
 * Schema checking is off, so the entries may carry Active Directory's {@code userAccountControl} and a static
 * {@code memberOf} next to the standard attributes.
 */
public final class TestDirectory implements AutoCloseable {

    public static final String BASE = "dc=example,dc=test";
    public static final String PEOPLE = "ou=people," + BASE;
    public static final String GROUPS = "ou=groups," + BASE;
    public static final String SERVICE_DN = "cn=portal-service," + BASE;
    public static final String SERVICE_PASSWORD = "service-directory-pass";
    public static final String TRUST_STORE_PASSWORD = "changeit";

    private static final char[] KEY_STORE_PIN = "ldap-test-key".toCharArray();

    private final InMemoryDirectoryServer server;

    private TestDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    /**
     * Starts the directory on loopback at this port (0: any free port), StartTLS with the certificate whose trust
     * store is {@code trustStore} (both generated the first time).
     */
    public static TestDirectory start(int port, Path trustStore) throws Exception {
        Path keyStore = trustStore.resolveSibling("server-keystore.p12");
        if (!Files.exists(keyStore) || !Files.exists(trustStore)) {
            Files.createDirectories(trustStore.getParent());
            Files.deleteIfExists(keyStore);
            // for localhost only: the portal checks the certificate's host name against the URL's
            ResultCode generated = ManageCertificates.main(InputStream.nullInputStream(), OutputStream.nullOutputStream(), System.err,
                    "generate-self-signed-certificate", "--keystore", keyStore.toString(), "--keystore-password", new String(KEY_STORE_PIN),
                    "--keystore-type", "PKCS12", "--alias", "server-cert", "--subject-dn", "CN=localhost,OU=portal-tests",
                    "--subject-alternative-name-dns", "localhost", "--subject-alternative-name-ip-address", "127.0.0.1", "--days-valid", "3650");
            if (generated != ResultCode.SUCCESS) {
                throw new IllegalStateException("No test certificate: " + generated);
            }
            writeTrustStore(keyStore, trustStore);
        }
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.addAdditionalBindCredentials(SERVICE_DN, SERVICE_PASSWORD);
        SSLUtil serverTls = new SSLUtil(new KeyStoreKeyManager(keyStore.toFile(), KEY_STORE_PIN, "PKCS12", "server-cert"), new TrustAllTrustManager());
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), port,
                serverTls.createSSLSocketFactory()));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        try (InputStream ldif = TestDirectory.class.getResourceAsStream("/directory/company.ldif")) {
            server.importFromLDIF(true, new LDIFReader(ldif));
        }
        server.startListening();
        return new TestDirectory(server);
    }

    private static void writeTrustStore(Path keyStore, Path trustStore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, KEY_STORE_PIN);
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (String alias : Collections.list(keys.aliases())) {
            Certificate certificate = keys.getCertificate(alias);
            trusted.setCertificateEntry(alias, certificate);
        }
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trusted.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
    }

    public int port() {
        return server.getListenPort();
    }

    public String url() {
        return "ldap://localhost:" + port();
    }

    public static String userDn(String uid) {
        return "uid=" + uid + "," + PEOPLE;
    }

    public void replace(String dn, String attribute, String... values) throws LDAPException {
        server.modify(dn, new Modification(ModificationType.REPLACE, attribute, values));
    }

    public void add(String dn, String attribute, String... values) throws LDAPException {
        server.modify(dn, new Modification(ModificationType.ADD, attribute, values));
    }

    public void remove(String dn, String attribute, String... values) throws LDAPException {
        server.modify(dn, new Modification(ModificationType.DELETE, attribute, values));
    }

    public void delete(String dn) throws LDAPException {
        server.delete(dn);
    }

    public void addEntry(String... ldifLines) throws Exception {
        server.add(ldifLines);
    }

    /** Connections are refused from now on (the directory is "down"); {@link #resume()} listens again. */
    public void stopListening() {
        server.shutDown(false);
    }

    public void resume() throws LDAPException {
        server.startListening();
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
