package org.mfaportal.account;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Logger;
import org.mfaportal.config.PortalConfig;

/**
 * Seeds the demo accounts listed in the README, in dev mode only: outside dev mode the portal has no
 * default account and no default password.
 */
@Singleton
@Startup
public class DemoAccounts {

    private static final Logger LOG = Logger.getLogger(DemoAccounts.class.getName());

    record DemoAccount(String username, String displayName, String email, String password, Set<String> groups) {
    }

    static final Set<DemoAccount> ACCOUNTS = Set.of(
            new DemoAccount("alice", "Alice Archer", "alice@example.test", "alice-demo-pass", Set.of("engineering")),
            new DemoAccount("bob", "Bob Baker", "bob@example.test", "bob-demo-pass", Set.of("sales")),
            new DemoAccount("admin", "Ada Admin", "admin@example.test", "admin-demo-pass", Set.of(UserAccount.ADMIN_GROUP)));

    @Inject
    PortalConfig config;

    @Inject
    UserAccountService accounts;

    @PostConstruct
    void seedInDevMode() {
        if (!config.devMode()) {
            return;
        }
        for (DemoAccount demo : ACCOUNTS) {
            if (accounts.findByUsername(demo.username()).isEmpty()) {
                accounts.create(demo.username(), demo.displayName(), demo.email(), demo.password().toCharArray(), demo.groups());
                LOG.info(() -> "Dev mode: created demo account " + demo.username());
            }
        }
    }
}
