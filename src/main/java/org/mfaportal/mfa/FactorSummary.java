package org.mfaportal.mfa;

import java.io.Serializable;
import java.time.Instant;

/** What a page shows of a factor: never its secret. */
public record FactorSummary(long id, AuthenticatorType type, String name, Instant createdAt, Instant lastUsedAt) implements Serializable {

    public static FactorSummary of(Authenticator authenticator) {
        return new FactorSummary(authenticator.getId(), authenticator.getType(), authenticator.getName(),
                authenticator.getCreatedAt(), authenticator.getLastUsedAt());
    }
}
