package org.mfaportal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.PortalClient;
import org.mfaportal.testing.PortalDeployment;

/** Readiness and liveness on WildFly's health endpoint (management interface), with the database up and stopped. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war().addClass(OpsTestSupportServlet.class);
    }

    @ArquillianResource
    URL deploymentUrl;

    @ArquillianResource
    ManagementClient management;

    @Test
    void readyWhenTheDatabaseAnswersTheSchemaIsCurrentAndTheKeyIsLoaded() {
        ManagementEndpoint.Answer ready = ManagementEndpoint.get("/health/ready");

        assertEquals(200, ready.status(), ready.body());
        JsonObject health = json(ready.body());
        assertEquals("UP", health.getString("status"));
        assertEquals("UP", check(health, DatabaseCheck.NAME).getString("status"));
        JsonObject schema = check(health, SchemaCheck.NAME);
        assertEquals("UP", schema.getString("status"));
        assertEquals(0, schema.getJsonObject("data").getInt("pending"));
        assertEquals(0, schema.getJsonObject("data").getInt("failed"));
        assertEquals("UP", check(health, SecretKeyCheck.NAME).getString("status"));
    }

    @Test
    void notReadyButAliveWhileTheDatabaseIsStoppedAndReadyAgainOnceItIsBack() throws Exception {
        try (EmbeddedDatabaseOutage outage = EmbeddedDatabaseOutage.start(new PortalClient(deploymentUrl), management)) {
            Instant asked = Instant.now();
            ManagementEndpoint.Answer ready = ManagementEndpoint.get("/health/ready");
            Duration took = Duration.between(asked, Instant.now());

            assertEquals(503, ready.status(), ready.body());
            JsonObject health = json(ready.body());
            assertEquals("DOWN", health.getString("status"));
            JsonObject database = check(health, DatabaseCheck.NAME);
            assertEquals("DOWN", database.getString("status"));
            assertTrue(database.getJsonObject("data").getString("error").contains("SQL"), database.toString());
            assertEquals("DOWN", check(health, SchemaCheck.NAME).getString("status"));
            assertEquals("UP", check(health, SecretKeyCheck.NAME).getString("status"), "the key does not depend on the database");
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "the checks answer within their timeout: " + took);

            ManagementEndpoint.Answer live = ManagementEndpoint.get("/health/live");
            assertEquals(200, live.status(), "a database outage must not get the node restarted: " + live.body());
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        ManagementEndpoint.Answer ready = ManagementEndpoint.get("/health/ready");
        while (ready.status() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250); // the interval between polls of the condition
            ready = ManagementEndpoint.get("/health/ready");
        }
        assertEquals(200, ready.status(), "ready again once the database is back: " + ready.body());
        assertEquals(200, new PortalClient(deploymentUrl).get("/login").status(), "and the portal serves pages again");
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> name.equals(check.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }
}
