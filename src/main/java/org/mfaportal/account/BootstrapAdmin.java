package org.mfaportal.account;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.config.PortalConfig;

/**
 * The first admin of a fresh installation, from {@code mfa.bootstrap-admin.username} / {@code .password} (Keycloak's
 * bootstrap admin is the model). Created at deployment only while no enabled account in the admin group exists; once
 * one does, the values are refused (WARN, audited) however long they stay set. The operator chose the password, so it
 * is not held to the password policy, but the account must set its own password and enrol a second factor before it
 * reaches anything else.
 */
@Singleton
@Startup
@DependsOn("DemoAccounts")
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class.getName());

    /** What one attempt came to. */
    public enum Outcome {
        /** Neither value is set: nothing to do (the normal case). */
        NOT_CONFIGURED,
        CREATED,
        /** An enabled admin exists: the bootstrap is over. */
        REFUSED_ADMIN_EXISTS,
        /** Only one of username and password is set, or the username is not a valid one. */
        REFUSED_INCOMPLETE,
        /** An account with this username exists (not an enabled admin): it is never taken over. */
        REFUSED_USERNAME_TAKEN
    }

    @Inject
    PortalConfig config;

    @Inject
    UserAccountService accounts;

    @Inject
    AuditService audit;

    @PersistenceContext
    EntityManager em;

    @PostConstruct
    void atDeployment() {
        bootstrap(config.bootstrapAdminUsername(), config.bootstrapAdminPassword());
    }

    /** Creates the bootstrap admin if the values are set and no enabled admin exists; never logs the password. */
    public Outcome bootstrap(Optional<String> username, Optional<String> password) {
        if (username.isEmpty() && password.isEmpty()) {
            return Outcome.NOT_CONFIGURED;
        }
        if (adminExists()) {
            LOG.warning("mfa.bootstrap-admin.username/password (MFA_BOOTSTRAP_ADMIN_USERNAME/_PASSWORD) are set, but an admin account"
                    + " exists already: the bootstrap admin is not created. Unset both variables.");
            audit.record(AuditEventType.BOOTSTRAP_ADMIN_REFUSED, null, username.map(UserAccount::normalizeUsername).orElse(null),
                    "an enabled admin exists");
            return Outcome.REFUSED_ADMIN_EXISTS;
        }
        String normalized = username.map(UserAccount::normalizeUsername).orElse("");
        if (password.isEmpty() || !UserAccount.isValidUsername(normalized)) {
            LOG.warning("The bootstrap admin needs both mfa.bootstrap-admin.username and mfa.bootstrap-admin.password, and a username of"
                    + " letters, digits and . _ - @ (at most " + UserAccount.MAX_USERNAME_LENGTH + "): nothing was created.");
            audit.record(AuditEventType.BOOTSTRAP_ADMIN_REFUSED, null, normalized.isEmpty() ? null : normalized,
                    "username and password are both required");
            return Outcome.REFUSED_INCOMPLETE;
        }
        if (accounts.findByUsername(normalized).isPresent()) {
            LOG.warning("The bootstrap admin '" + normalized + "' is not created: an account with that username exists (and is not an"
                    + " enabled admin). Choose another mfa.bootstrap-admin.username.");
            audit.record(AuditEventType.BOOTSTRAP_ADMIN_REFUSED, null, normalized, "the username is taken");
            return Outcome.REFUSED_USERNAME_TAKEN;
        }
        UserAccount admin = accounts.create(normalized, normalized, null, password.get().toCharArray(), Set.of(UserAccount.ADMIN_GROUP));
        admin.requirePasswordChange();
        admin.requireFactorEnrolment();
        audit.record(AuditEventType.BOOTSTRAP_ADMIN_CREATED, null, normalized, null);
        LOG.info(() -> "Created the bootstrap admin '" + normalized + "': sign in, choose a new password and enrol a second factor,"
                + " then unset MFA_BOOTSTRAP_ADMIN_USERNAME and MFA_BOOTSTRAP_ADMIN_PASSWORD.");
        return Outcome.CREATED;
    }

    private boolean adminExists() {
        return em.createQuery("select count(u) from UserAccount u where u.enabled = true and :admin member of u.groups", Long.class)
                .setParameter("admin", UserAccount.ADMIN_GROUP).getSingleResult() > 0;
    }
}
