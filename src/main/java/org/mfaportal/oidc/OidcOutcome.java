package org.mfaportal.oidc;

import java.util.List;
import java.util.Set;
import org.mfaportal.account.UserAccount;
import org.mfaportal.policy.FactorKind;

/** How the provider's answer was judged. */
public sealed interface OidcOutcome {

    /**
     * The provider proved who this is, and the portal account is known (linked or created now).
     *
     * @param provenFactors what the provider's multi-factor authentication counts as; empty when it proved none the
     *        portal trusts, and the portal's own second factor is then needed as after a password
     */
    record Verified(UserAccount account, String issuer, List<String> amr, String acr, Set<FactorKind> provenFactors,
            String returnPath) implements OidcOutcome {
    }

    /** Refused, with what the user is told and what the audit log records. */
    record Refused(Reason reason, String detail, String subjectHint) implements OidcOutcome {
    }

    enum Reason {
        /** The provider reported an error, e.g. the user declined ({@code error=access_denied}). */
        PROVIDER_ERROR,
        /** Unknown, spent, expired or another browser's {@code state}. */
        STATE_INVALID,
        /** The provider could not be reached, or refused to exchange the code (e.g. a replayed code). */
        PROVIDER_UNAVAILABLE,
        /** The ID token failed validation: signature, issuer, audience, expiry or nonce. */
        TOKEN_INVALID,
        /** Verified, but no portal account belongs to it and configuration does not allow creating or linking one. */
        NO_ACCOUNT,
        /** The portal account is disabled or locked. */
        ACCOUNT_UNAVAILABLE
    }
}
