package org.mfaportal.admin;

import java.io.Serializable;
import java.time.Instant;
import org.mfaportal.account.AccountSource;
import org.mfaportal.account.DirectoryStatus;
import org.mfaportal.policy.EnrolmentState;

/**
 * One user as the admin's user list shows it: who, which groups, where they stand with MFA, where the account comes
 * from (and for directory users, when and what the directory last said).
 */
public record UserRow(long id, String username, String displayName, String email, Instant lockedAt, Instant createdAt, Instant requiredSince,
        Instant exemptUntil, Instant disabledAt, AccountSource source, Instant directoryRefreshedAt, DirectoryStatus directoryStatus, String groups,
        int factors, EnrolmentState state) implements Serializable {

    /** For the JPQL constructor expression; groups, factors and the state are filled in per page. */
    public UserRow(Long id, String username, String displayName, String email, Instant lockedAt, Instant createdAt, Instant requiredSince,
            Instant exemptUntil, Instant disabledAt, AccountSource source, Instant directoryRefreshedAt, DirectoryStatus directoryStatus) {
        this(id, username, displayName, email, lockedAt, createdAt, requiredSince, exemptUntil, disabledAt, source, directoryRefreshedAt,
                directoryStatus, "", 0, null);
    }

    UserRow completed(String groupList, int factorCount, EnrolmentState enrolmentState) {
        return new UserRow(id, username, displayName, email, lockedAt, createdAt, requiredSince, exemptUntil, disabledAt, source,
                directoryRefreshedAt, directoryStatus, groupList, factorCount, enrolmentState);
    }

    public boolean disabled() {
        return disabledAt != null;
    }

    public boolean fromDirectory() {
        return source == AccountSource.DIRECTORY;
    }

    /** The directory disabled or removed the user: they can no longer sign in. */
    public boolean goneFromDirectory() {
        return directoryStatus == DirectoryStatus.DISABLED || directoryStatus == DirectoryStatus.REMOVED;
    }

    public boolean locked() {
        return lockedAt != null;
    }
}
