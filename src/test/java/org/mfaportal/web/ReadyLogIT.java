package org.mfaportal.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.PortalDeployment;

/** The README tells a newcomer which log line means "ready": the portal writes it, with the address to open. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReadyLogIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    @Test
    void onceDeployedThePortalLogsThatItIsReadyWithItsAddress() throws IOException {
        Path log = Path.of(System.getProperty("test.server.log.dir"), "server.log");
        String expected = ReadyLog.READY + "http://localhost:" + System.getProperty("test.http.port") + deploymentUrl.getPath();

        assertTrue(Files.readString(log, StandardCharsets.UTF_8).lines().anyMatch(line -> line.contains("INFO") && line.endsWith(expected)),
                "no line ending with \"" + expected + "\" in " + log);
    }
}
