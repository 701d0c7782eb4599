package org.mfaportal.mfa.webauthn;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.Locale;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.policy.PolicyRule;
import org.mfaportal.web.Messages;

/**
 * The authenticator metadata of {@code mfa.webauthn.metadata-file}, read once at deployment: a file that is missing
 * or not metadata stops the deployment with a message naming it, rather than silently trusting nothing.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuthenticatorModels {

    private static final Logger LOG = Logger.getLogger(AuthenticatorModels.class.getName());

    @Inject
    PortalConfig config;

    private volatile AuthenticatorMetadata metadata = AuthenticatorMetadata.NONE;

    @PostConstruct
    void load() {
        config.webAuthnMetadataFile().ifPresent(path -> {
            metadata = AuthenticatorMetadata.load(path);
            LOG.info(() -> "Authenticator metadata: " + metadata.size() + " models from " + path);
        });
    }

    public AuthenticatorMetadata metadata() {
        return metadata;
    }

    /** The model's name from the metadata, by AAGUID. */
    public Optional<String> nameOf(String aaguid) {
        return PolicyRule.aaguid(aaguid).flatMap(metadata::nameOf);
    }

    /**
     * A model for pages: "Name (AAGUID)" when the metadata names it, the AAGUID alone when not, and words for a key
     * that did not say its model.
     */
    public String describe(String aaguid) {
        Optional<String> model = PolicyRule.aaguid(aaguid);
        if (model.isEmpty() || PolicyRule.UNKNOWN_MODEL.equals(model.get())) {
            return Messages.text(Locale.ENGLISH, "webauthn.model.unknown");
        }
        return nameOf(model.get()).map(name -> name + " (" + model.get() + ")").orElse(model.get());
    }
}
