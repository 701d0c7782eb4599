package org.mfaportal.ops;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.mfaportal.testing.PortalClient;

/**
 * Stops the test server's database for real and starts it again. The test server's H2 database is embedded: it lives
 * inside the server process, so "stopping" it means shutting the engine down ({@code SHUTDOWN}, through the portal's
 * own datasource) and keeping it from coming back: this test process opens the same database files, which takes H2's
 * file lock, so every connection the server's pool tries fails with H2's "database may be already in use", as a
 * stopped database server refuses connections. The pool's connections from before the shutdown are dead; they are
 * flushed once the lock is held, so what the checks meet is a database that cannot be reached, not a stale pool.
 * {@link #close} lets go of the files: the server's next connection opens the database again.
 */
final class EmbeddedDatabaseOutage implements AutoCloseable {

    private final Connection holder;

    private EmbeddedDatabaseOutage(Connection holder) {
        this.holder = holder;
    }

    static EmbeddedDatabaseOutage start(PortalClient portal, ManagementClient management) throws Exception {
        String url = "jdbc:h2:" + new File(System.getProperty("test.server.data.dir"), "mfa-portal/portal").getAbsolutePath() + ";IFEXISTS=TRUE";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            portal.post("/test-support/ops/database-shutdown");
            try {
                Connection holder = DriverManager.getConnection(url, "sa", "sa");
                flushPool(management);
                return new EmbeddedDatabaseOutage(holder);
            } catch (SQLException reopenedMeanwhile) {
                // something in the server opened the database again before this process took the files: once more
                if (Instant.now().isAfter(deadline)) {
                    throw reopenedMeanwhile;
                }
            }
        }
    }

    private static void flushPool(ManagementClient management) throws Exception {
        ModelNode result = management.getControllerClient().execute(Operations.createOperation("flush-all-connection-in-pool",
                Operations.createAddress("subsystem", "datasources", "data-source", "PortalDS")));
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IllegalStateException(Operations.getFailureDescription(result).asString());
        }
    }

    @Override
    public void close() throws SQLException {
        holder.close();
    }
}
