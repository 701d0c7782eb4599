package org.mfaportal.policy;

import java.time.Instant;

/** Where a user stands with the MFA their policy asks for. */
public record EnrolmentState(Kind kind, Instant deadline) {

    public enum Kind {
        /** Policy does not require MFA and the user has no factor. */
        NOT_REQUIRED,
        /** At least one factor enrolled. */
        ENROLLED,
        /** Required, no factor yet, and the grace period runs until {@link #deadline}. */
        IN_GRACE,
        /** Required, no factor, grace over: only the setup pages are reachable. */
        OVERDUE
    }

    public boolean overdue() {
        return kind == Kind.OVERDUE;
    }

    public boolean inGrace() {
        return kind == Kind.IN_GRACE;
    }
}
