package org.mfaportal.directory;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mfaportal.account.AccountAccessRevoked;
import org.mfaportal.account.DirectoryStatus;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;

/** Writes what the directory said into the local records, each change audited, in one transaction. */
@Stateless
public class DirectoryAccountRecords {

    @Inject
    UserAccountService accounts;

    @Inject
    AuditService audit;

    @Inject
    Event<AccountAccessRevoked> accessRevoked;

    /** The first sign-in of a directory user. */
    public UserAccount create(String username, DirectoryEntry entry, Set<String> groups) {
        UserAccount account = accounts.createFromDirectory(username, entry.externalId(), entry.displayName(), entry.email(), groups);
        audit.recordOwn(AuditEventType.DIRECTORY_ACCOUNT_CREATED, account.getUsername(), "groups: " + String.join(", ", groups));
        return account;
    }

    /** Takes over name, e-mail and groups; audited when any changed. */
    public UserAccount refresh(UserAccount account, DirectoryEntry entry, Set<String> groups) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(account.getDisplayName(), entry.displayName())) {
            changes.add("name");
        }
        if (!Objects.equals(account.getEmail(), entry.email())) {
            changes.add("e-mail");
        }
        if (!account.getGroups().equals(groups)) {
            changes.add("groups: " + String.join(", ", groups));
        }
        UserAccount refreshed = accounts.refreshFromDirectory(account, entry.displayName(), entry.email(), groups);
        if (!changes.isEmpty()) {
            audit.recordOwn(AuditEventType.DIRECTORY_ACCOUNT_REFRESHED, account.getUsername(), String.join("; ", changes));
        }
        return refreshed;
    }

    /**
     * The directory disabled or removed the user: the record says so for the admins, and every way in that did not
     * just ask the directory ends (sessions, pending sign-ins, trusted browsers), the first time it is noticed.
     */
    public void gone(UserAccount account, DirectoryStatus status) {
        boolean news = account.getDirectoryStatus() != status;
        UserAccount marked = accounts.markInDirectory(account, status);
        if (news) {
            audit.recordOwn(status == DirectoryStatus.DISABLED ? AuditEventType.DIRECTORY_ACCOUNT_DISABLED : AuditEventType.DIRECTORY_ACCOUNT_REMOVED,
                    account.getUsername(), null);
            accessRevoked.fire(new AccountAccessRevoked(marked, AccountAccessRevoked.Reason.ACCOUNT_DISABLED, null, null));
        }
    }
}
