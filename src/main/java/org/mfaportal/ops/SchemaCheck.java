package org.mfaportal.ops;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.persistence.SchemaStatus;

/** Readiness: every Flyway migration this build ships is applied, none failed (data: the schema version). */
@Readiness
@ApplicationScoped
public class SchemaCheck implements HealthCheck {

    static final String NAME = "schema";

    @Resource(lookup = "java:jboss/datasources/PortalDS")
    DataSource dataSource;

    @Inject
    TimeBox timeBox;

    @Inject
    PortalConfig config;

    @Override
    public HealthCheckResponse call() {
        TimeBox.Outcome<SchemaStatus> status = timeBox.run(NAME, config.healthTimeout(), () -> SchemaStatus.of(dataSource));
        if (!status.succeeded()) {
            return HealthCheckResponse.named(NAME).down().withData("error", status.failure()).build();
        }
        SchemaStatus schema = status.value();
        return HealthCheckResponse.named(NAME).status(schema.isUpToDate())
                .withData("version", schema.currentVersion())
                .withData("pending", schema.pending())
                .withData("failed", schema.failed())
                .build();
    }
}
