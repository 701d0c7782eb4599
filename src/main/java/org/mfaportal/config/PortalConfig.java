package org.mfaportal.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one typed view of the portal's MicroProfile Config keys. Defaults live in
 * {@code META-INF/microprofile-config.properties}; system properties and environment variables
 * ({@code MFA_DEV_MODE} for {@code mfa.dev-mode}) override them.
 */
@ApplicationScoped
public class PortalConfig {

    @Inject
    @ConfigProperty(name = "mfa.dev-mode")
    boolean devMode;

    @Inject
    @ConfigProperty(name = "mfa.password.iterations")
    int passwordIterations;

    /** Dev mode seeds demo accounts and relaxes production-only requirements; never set it in production. */
    public boolean devMode() {
        return devMode;
    }

    public int passwordIterations() {
        return passwordIterations;
    }
}
