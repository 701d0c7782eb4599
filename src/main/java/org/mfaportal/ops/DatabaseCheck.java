package org.mfaportal.ops;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.mfaportal.config.PortalConfig;

/**
 * Readiness: the portal's database answers a trivial query within {@code mfa.health.timeout}. Not a liveness check: a
 * restart does not bring a database back, and a node restarted in a loop would only add to the trouble.
 */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    static final String NAME = "database";

    @Resource(lookup = "java:jboss/datasources/PortalDS")
    DataSource dataSource;

    @Inject
    TimeBox timeBox;

    @Inject
    PortalConfig config;

    @Override
    public HealthCheckResponse call() {
        int seconds = (int) Math.max(1, config.healthTimeout().toSeconds());
        TimeBox.Outcome<Boolean> answered = timeBox.run(NAME, config.healthTimeout(), () -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(seconds);
                try (ResultSet result = statement.executeQuery("select 1")) {
                    return result.next();
                }
            }
        });
        return answered.succeeded() && answered.value()
                ? HealthCheckResponse.up(NAME)
                : HealthCheckResponse.named(NAME).down().withData("error", answered.succeeded() ? "no row" : answered.failure()).build();
    }
}
