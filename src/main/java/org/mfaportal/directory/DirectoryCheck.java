package org.mfaportal.directory;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mfaportal.account.AccountSource;
import org.mfaportal.account.DirectoryStatus;
import org.mfaportal.account.UserAccount;

/**
 * Every hour, asks the directory about each directory user it still counts as active, so the admin pages show a user
 * the directory disabled or removed (and their sessions end) without waiting for them to try to sign in. Sign-ins
 * and passkeys ask the directory themselves; this is only the admins' view catching up.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DirectoryCheck {

    private static final Logger LOG = Logger.getLogger(DirectoryCheck.class.getName());
    private static final int BATCH = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    Directory directory;

    @Inject
    DirectoryAccountRecords records;

    @Schedule(hour = "*", minute = "23", persistent = false)
    void hourly() {
        if (!directory.isConfigured()) {
            return;
        }
        try {
            int gone = checkActiveUsers();
            if (gone > 0) {
                LOG.info(gone + " directory user(s) found disabled or removed in the directory");
            }
        } catch (DirectoryUnavailableException e) {
            LOG.log(Level.WARNING, "Directory check skipped: " + e.getMessage());
        }
    }

    /**
     * The number of directory users found disabled or removed (each in its own transaction).
     *
     * @throws DirectoryUnavailableException when the directory cannot be reached
     */
    public int checkActiveUsers() {
        int gone = 0;
        long afterId = 0;
        try (DirectoryConnection connection = directory.open()) {
            List<UserAccount> batch;
            do {
                batch = em.createQuery("select u from UserAccount u where u.source = :source and u.directoryStatus = :active and u.id > :after"
                        + " order by u.id", UserAccount.class)
                        .setParameter("source", AccountSource.DIRECTORY).setParameter("active", DirectoryStatus.ACTIVE).setParameter("after", afterId)
                        .setMaxResults(BATCH).getResultList();
                for (UserAccount account : batch) {
                    afterId = account.getId();
                    Optional<DirectoryEntry> entry = connection.findUser(account.getUsername())
                            .filter(found -> found.externalId().equals(account.getExternalId()));
                    if (entry.isEmpty()) {
                        records.gone(account, DirectoryStatus.REMOVED);
                        gone++;
                    } else if (connection.isDisabled(entry.get())) {
                        records.gone(account, DirectoryStatus.DISABLED);
                        gone++;
                    }
                }
                em.clear();
            } while (batch.size() == BATCH);
        }
        return gone;
    }
}
