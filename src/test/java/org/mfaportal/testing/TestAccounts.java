package org.mfaportal.testing;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;

/**
 * Accounts that exist in every test deployment. The tests run without dev mode, so the demo accounts do not exist
 * there: this is the only way these accounts come to be.
 */
@Singleton
@Startup
public class TestAccounts {

    public record Account(String username, String password, String displayName, Set<String> groups) {
    }

    public static final Account STAFF = new Account("it-staff", "staff-password-for-tests", "Ivy Staff", Set.of("engineering"));
    public static final Account ADMIN = new Account("it-admin", "admin-password-for-tests", "Ian Admin", Set.of(UserAccount.ADMIN_GROUP));

    static final List<Account> ALL = List.of(STAFF, ADMIN);

    @Inject
    UserAccountService accounts;

    @PostConstruct
    void create() {
        for (Account account : ALL) {
            if (accounts.findByUsername(account.username()).isEmpty()) {
                accounts.create(account.username(), account.displayName(), account.username() + "@example.test",
                        account.password().toCharArray(), account.groups());
            }
        }
    }
}
