package org.mfaportal.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import org.mfaportal.account.UserAccount;
import org.mfaportal.auth.AccountIdentityStore;

/**
 * The second identity store, after the portal's own accounts (priority {@value #PRIORITY}, lower runs first): checks
 * directory passwords. A username with a local account that is not a directory account never reaches the directory,
 * so a local (break-glass) admin signs in whatever the directory's state.
 *
 * When the directory cannot be reached it throws {@link DirectoryUnavailableException}, which the
 * {@code IdentityStoreHandler} passes to the mechanism: that is not a wrong password, and must not count as one.
 */
@ApplicationScoped
public class DirectoryIdentityStore implements IdentityStore {

    static final int PRIORITY = 200;

    /** Longer input is refused before it reaches the directory: no real username or password is this long. */
    static final int MAX_PASSWORD_LENGTH = 1024;

    @Inject
    DirectoryAccounts directoryAccounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential password) || password.getCaller() == null
                || !directoryAccounts.decides(password.getCaller())) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String username = password.getCaller().strip();
        char[] typed = password.getPassword().getValue();
        if (username.isEmpty() || username.length() > UserAccount.MAX_USERNAME_LENGTH || typed.length == 0 || typed.length > MAX_PASSWORD_LENGTH) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return directoryAccounts.signIn(username, typed)
                .map(account -> new CredentialValidationResult(account.getUsername(), AccountIdentityStore.rolesOf(account)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }
}
