package org.mfaportal.crypto;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.PortalDeployment;

/** Outside dev mode the portal refuses to deploy without a usable mfa.secret-key, and says why. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecretKeyRequiredIT {

    private static final String WITHOUT_KEY = "without-key";
    private static final String MALFORMED_KEY = "malformed-key";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = WITHOUT_KEY, managed = false, testable = false)
    static WebArchive withoutKey() {
        return withConfiguration("config-without-key");
    }

    @Deployment(name = MALFORMED_KEY, managed = false, testable = false)
    static WebArchive withMalformedKey() {
        return withConfiguration("config-malformed-key");
    }

    private static WebArchive withConfiguration(String folder) {
        return PortalDeployment.war(folder + ".war").addAsLibrary(ShrinkWrap.create(JavaArchive.class, folder + ".jar")
                .addAsManifestResource(folder + "/microprofile-config.properties", "microprofile-config.properties"));
    }

    private static final Path SERVER_LOG = Path.of(System.getProperty("test.server.log.dir"), "server.log");

    /** What the server logged while the deployment was attempted. */
    private String logOfFailedDeployment(String deployment) throws Exception {
        int before = Files.readString(SERVER_LOG).length();
        assertThrows(Exception.class, () -> deployer.deploy(deployment));
        deployer.undeploy(deployment);
        return Files.readString(SERVER_LOG).substring(before);
    }

    @Test
    void missingKeyStopsTheDeploymentWithAClearMessage() throws Exception {
        String log = logOfFailedDeployment(WITHOUT_KEY);

        assertTrue(log.contains("mfa.secret-key is not set"), log);
    }

    @Test
    void malformedKeyStopsTheDeploymentWithAClearMessage() throws Exception {
        String log = logOfFailedDeployment(MALFORMED_KEY);

        assertTrue(log.contains("mfa.secret-key must decode to exactly 32 bytes for AES-256, but it decodes to 17 bytes"));
        assertTrue(!log.contains("c2l4dGVlbi1ieXRlcy1rZXk="), "the key never appears in the log");
    }
}
