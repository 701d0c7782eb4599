package org.mfaportal.admin;

import java.io.Serializable;
import java.time.Instant;
import org.mfaportal.policy.EnrolmentState;

/** One user as the admin's user list shows it: who, which groups, where they stand with MFA. */
public record UserRow(long id, String username, String displayName, String email, Instant lockedAt, Instant createdAt, Instant requiredSince,
        Instant exemptUntil, Instant disabledAt, String groups, int factors, EnrolmentState state) implements Serializable {

    /** For the JPQL constructor expression; groups, factors and the state are filled in per page. */
    public UserRow(Long id, String username, String displayName, String email, Instant lockedAt, Instant createdAt, Instant requiredSince,
            Instant exemptUntil, Instant disabledAt) {
        this(id, username, displayName, email, lockedAt, createdAt, requiredSince, exemptUntil, disabledAt, "", 0, null);
    }

    UserRow completed(String groupList, int factorCount, EnrolmentState enrolmentState) {
        return new UserRow(id, username, displayName, email, lockedAt, createdAt, requiredSince, exemptUntil, disabledAt, groupList, factorCount, enrolmentState);
    }

    public boolean disabled() {
        return disabledAt != null;
    }

    public boolean locked() {
        return lockedAt != null;
    }
}
