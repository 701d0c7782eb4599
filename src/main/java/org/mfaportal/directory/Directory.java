package org.mfaportal.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mfaportal.config.PortalConfig;

/** The configured company directory, if any: opens connections to it. */
@ApplicationScoped
public class Directory {

    private static final Logger LOG = Logger.getLogger(Directory.class.getName());

    @Inject
    PortalConfig config;

    private volatile DirectoryClient client;

    public boolean isConfigured() {
        return config.directory().isPresent();
    }

    public DirectorySettings settings() {
        return client().settings();
    }

    /**
     * A connection bound as the service account.
     *
     * @throws DirectoryUnavailableException when the directory cannot be reached, or the configuration cannot work
     *         (logged for the operator; users only learn that the directory cannot be reached)
     */
    public DirectoryConnection open() {
        try {
            return client().open();
        } catch (DirectoryUnavailableException e) {
            LOG.log(Level.WARNING, e.getMessage());
            throw e;
        }
    }

    private DirectoryClient client() {
        DirectoryClient current = client;
        if (current == null) {
            DirectorySettings settings = config.directory().orElseThrow(() -> new IllegalStateException("No directory configured"));
            try {
                current = new DirectoryClient(settings);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.SEVERE, "The company directory is misconfigured: " + e.getMessage());
                throw new DirectoryUnavailableException(e.getMessage(), e);
            }
            client = current;
        }
        return current;
    }

    /** For the log and the audit: what failed, without a stack trace. */
    static String describe(DirectoryUnavailableException e) {
        return Optional.ofNullable(e.getMessage()).orElse("directory unavailable");
    }
}
