package org.mfaportal.persistence;

import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * What Flyway's history table says about the migrations this build ships: the version the database is at, how many
 * are still pending and how many failed. Every node migrates at deployment (see {@link FlywayMigrationIntegrator}),
 * so anything pending or failed means this node runs against a schema it was not built for.
 */
public record SchemaStatus(String currentVersion, int pending, int failed) {

    public static SchemaStatus of(DataSource dataSource) {
        MigrationInfoService info = Flyway.configure(SchemaStatus.class.getClassLoader())
                .dataSource(dataSource)
                .locations(FlywayMigrationIntegrator.MIGRATIONS)
                .load()
                .info();
        MigrationInfo current = info.current();
        int failed = (int) Arrays.stream(info.all()).filter(migration -> migration.getState().isFailed()).count();
        return new SchemaStatus(current == null ? "none" : current.getVersion().getVersion(), info.pending().length, failed);
    }

    public boolean isUpToDate() {
        return pending == 0 && failed == 0;
    }
}
