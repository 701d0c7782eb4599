package org.mfaportal.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Applies the Flyway migrations while Hibernate builds the persistence unit, before it validates the schema.
 *
 * <p>The container starts the persistence unit before any application bean, so a {@code @Startup} bean
 * would migrate too late: {@code hbm2ddl.auto=validate} would already have failed on an empty database.
 * Registered through {@code META-INF/services/org.hibernate.integrator.spi.Integrator}.
 */
public class FlywayMigrationIntegrator implements Integrator {

    static final String MIGRATIONS = "classpath:db/migration";

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        DataSource dataSource = sessionFactory.getServiceRegistry()
                .requireService(ConnectionProvider.class)
                .unwrap(DataSource.class);
        Flyway.configure(FlywayMigrationIntegrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .load()
                .migrate();
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to release: Flyway holds no resources after migrate()
    }
}
