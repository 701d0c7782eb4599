package org.mfaportal.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.HashSet;
import java.util.Set;
import org.mfaportal.account.PasswordPolicy;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;

/**
 * Checks usernames and passwords against the portal's own accounts. The caller's groups become roles:
 * every account has {@value #STAFF_ROLE}; the {@value UserAccount#ADMIN_GROUP} group is the {@code admin} role.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    public static final String STAFF_ROLE = "staff";

    /** Longer input is refused before hashing: no password the policy accepts is this long. */
    static final int MAX_PASSWORD_LENGTH = PasswordPolicy.MAX_INPUT_LENGTH;

    @Inject
    UserAccountService accounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential password)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String username = password.getCaller();
        if (username == null || username.length() > UserAccount.MAX_USERNAME_LENGTH
                || password.getPassword().getValue().length > MAX_PASSWORD_LENGTH) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return accounts.authenticate(username, password.getPassword().getValue())
                .map(account -> new CredentialValidationResult(account.getUsername(), rolesOf(account)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    /** The roles a signed-in account gets: its groups, and staff. */
    public static Set<String> rolesOf(UserAccount account) {
        Set<String> roles = new HashSet<>(account.getGroups());
        roles.add(STAFF_ROLE);
        return roles;
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }
}
