package org.mfaportal.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.mfaportal.crypto.SecretKeyring;

/**
 * Liveness and readiness: the key that seals factor secrets is loaded and seals and opens a value. Without it no
 * authenticator app can be checked, and only a restart with the right {@code mfa.secret-key} mends that. Never touches
 * the database, so a database outage does not make the node look dead.
 */
@Liveness
@Readiness
@ApplicationScoped
public class SecretKeyCheck implements HealthCheck {

    static final String NAME = "secret-key";

    @Inject
    SecretKeyring keyring;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(keyring.works()).build();
    }
}
