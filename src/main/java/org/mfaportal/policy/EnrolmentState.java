package org.mfaportal.policy;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Where a user stands with the MFA their policy asks for.
 *
 * @param deadline end of the grace period (IN_GRACE, OVERDUE) or of the exemption (EXEMPT); null otherwise
 * @param allowedFactors the kinds the user may enrol, for telling them what to set up
 * @param hasDisallowedFactor the user has a factor their policy no longer allows, and no allowed one
 * @param graceStarted false while the requirement has not yet met the user at a sign-in: the grace deadline is then
 *        only what it would be if they signed in now
 */
public record EnrolmentState(Kind kind, Instant deadline, List<FactorKind> allowedFactors, boolean hasDisallowedFactor, boolean graceStarted)
        implements Serializable {

    public enum Kind {
        /** At least one factor of an allowed kind. */
        ENROLLED,
        /** No allowed factor, but an admin exempted the user until {@link #deadline}. */
        EXEMPT,
        /** Policy does not require MFA and the user has no factor. */
        NOT_REQUIRED,
        /** MFA required (by policy, or because the user has a factor no longer allowed), none allowed yet; grace runs until {@link #deadline}. */
        IN_GRACE,
        /** Required, no allowed factor, grace over: only the setup pages are reachable. */
        OVERDUE
    }

    public EnrolmentState {
        allowedFactors = allowedFactors == null ? List.of() : List.copyOf(allowedFactors);
    }

    public static EnrolmentState notRequired() {
        return new EnrolmentState(Kind.NOT_REQUIRED, null, List.of(), false, true);
    }

    public boolean overdue() {
        return kind == Kind.OVERDUE;
    }

    public boolean inGrace() {
        return kind == Kind.IN_GRACE;
    }

    /** Whether the user still has to set up an allowed factor (in grace or overdue). */
    public boolean mustEnrol() {
        return kind == Kind.IN_GRACE || kind == Kind.OVERDUE;
    }
}
