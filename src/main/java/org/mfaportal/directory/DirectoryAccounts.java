package org.mfaportal.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.mfaportal.account.AccountSource;
import org.mfaportal.account.DirectoryStatus;
import org.mfaportal.account.ExternalGroups;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;

/**
 * Directory users: a directory password signs them in and creates or refreshes their local record; a passkey sign-in
 * asks the directory whether they still exist and are enabled. An account of the portal's own (source LOCAL, with or
 * without a password yet) is never taken over by a directory entry of the same name.
 */
@ApplicationScoped
public class DirectoryAccounts {

    private static final Logger LOG = Logger.getLogger(DirectoryAccounts.class.getName());

    @Inject
    Directory directory;

    @Inject
    UserAccountService accounts;

    @Inject
    DirectoryAccountRecords records;

    @Inject
    AuditService audit;

    public boolean isConfigured() {
        return directory.isConfigured();
    }

    /**
     * Whether the directory may decide this username: a directory is configured and no local account has the name.
     */
    public boolean decides(String username) {
        return directory.isConfigured() && accounts.findByUsername(username).map(UserAccount::isFromDirectory).orElse(true);
    }

    /**
     * The directory user's local record, created or refreshed, when the directory accepts the password and the entry is
     * enabled; empty otherwise (unknown, wrong password, disabled: deliberately not distinguished).
     *
     * @throws DirectoryUnavailableException when the directory cannot be reached
     */
    public Optional<UserAccount> signIn(String username, char[] password) {
        String name = UserAccount.normalizeUsername(username);
        Optional<UserAccount> local = accounts.findByUsername(name);
        try (DirectoryConnection connection = directory.open()) {
            Optional<DirectoryEntry> found = connection.findUser(username.strip());
            Optional<DirectoryEntry> entry = found.filter(e -> local.map(account -> e.externalId().equals(account.getExternalId())).orElse(true));
            if (entry.isEmpty()) {
                local.ifPresent(account -> records.gone(account, DirectoryStatus.REMOVED));
                if (found.isPresent()) {
                    LOG.warning("The directory entry " + found.get().dn() + " is not the one user " + name + " signed in with before; refused");
                }
                return Optional.empty();
            }
            if (connection.isDisabled(entry.get())) {
                local.ifPresent(account -> records.gone(account, DirectoryStatus.DISABLED));
                // the password is not tried: a disabled entry answers the same whatever was typed
                return Optional.empty();
            }
            if (!connection.passwordMatches(entry.get(), password)) {
                return Optional.empty();
            }
            Set<String> groups = ExternalGroups.portalGroups(connection.groupsOf(entry.get(), username.strip()), directory.settings().adminGroups());
            UserAccount account = local.isPresent() ? records.refresh(local.get(), entry.get(), groups) : records.create(name, entry.get(), groups);
            return Optional.of(account).filter(UserAccount::isEnabled);
        } catch (DirectoryUnavailableException e) {
            audit.record(AuditEventType.DIRECTORY_UNREACHABLE, null, name, Directory.describe(e));
            throw e;
        }
    }

    /**
     * "Confirm it's you" for a directory user: the directory accepts their password now (which also refreshes them).
     *
     * @throws DirectoryUnavailableException when the directory cannot be reached
     */
    public boolean confirmPassword(UserAccount user, char[] password) {
        if (!user.isFromDirectory() || !directory.isConfigured() || password.length == 0) {
            return false;
        }
        return signIn(user.getUsername(), password).filter(account -> account.getId().equals(user.getId())).isPresent();
    }

    /**
     * For a sign-in that does not pass the directory (a passkey): whether a directory user is still in the directory
     * and enabled, refreshing their record (groups decide their policy). Local accounts are not asked about.
     *
     * @throws DirectoryUnavailableException when the directory cannot be reached
     */
    public boolean stillAllowed(UserAccount account) {
        if (account.getSource() != AccountSource.DIRECTORY) {
            return true;
        }
        try (DirectoryConnection connection = directory.open()) {
            Optional<DirectoryEntry> entry = connection.findUser(account.getUsername())
                    .filter(found -> found.externalId().equals(account.getExternalId()));
            if (entry.isEmpty()) {
                records.gone(account, DirectoryStatus.REMOVED);
                return false;
            }
            if (connection.isDisabled(entry.get())) {
                records.gone(account, DirectoryStatus.DISABLED);
                return false;
            }
            Set<String> groups = ExternalGroups.portalGroups(connection.groupsOf(entry.get(), account.getUsername()), directory.settings().adminGroups());
            records.refresh(account, entry.get(), groups);
            return true;
        } catch (DirectoryUnavailableException e) {
            audit.record(AuditEventType.DIRECTORY_UNREACHABLE, null, account.getUsername(), Directory.describe(e));
            throw e;
        }
    }
}
