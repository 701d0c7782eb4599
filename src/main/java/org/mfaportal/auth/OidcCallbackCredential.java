package org.mfaportal.auth;

import jakarta.security.enterprise.credential.Credential;
import java.util.Optional;
import org.mfaportal.oidc.OidcSignInService.Callback;

/** The identity provider's redirect back to the portal, with the browser's binding cookie if it sent one. */
record OidcCallbackCredential(Callback callback, Optional<String> bindingSecret) implements Credential {
}
