package org.mfaportal.admin;

import java.io.Serializable;
import java.time.Instant;

/** One user as the admin's user list shows it. */
public record UserRow(long id, String username, String displayName, Instant lockedAt, Instant createdAt, long factors, String groups)
        implements Serializable {

    /** For the JPQL constructor expression; groups are filled in per page. */
    public UserRow(Long id, String username, String displayName, Instant lockedAt, Instant createdAt, Long factors) {
        this(id, username, displayName, lockedAt, createdAt, factors, "");
    }

    UserRow withGroups(String groupList) {
        return new UserRow(id, username, displayName, lockedAt, createdAt, factors, groupList);
    }

    public boolean enrolled() {
        return factors > 0;
    }

    public boolean locked() {
        return lockedAt != null;
    }
}
