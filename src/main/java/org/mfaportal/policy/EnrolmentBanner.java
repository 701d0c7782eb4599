package org.mfaportal.policy;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.stream.Collectors;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;

/** The banner on every page while a user must still set up MFA: by when, or that they must now. */
@Named
@RequestScoped
public class EnrolmentBanner {

    @Inject
    CurrentUser currentUser;

    @Inject
    PolicyService policies;

    @Inject
    Messages messages;

    private EnrolmentState state;

    /** The kinds the user may set up, in words. */
    public String getAllowedFactorNames() {
        return getState().allowedFactors().stream().map(kind -> messages.text(kind.messageKey())).collect(Collectors.joining(", "));
    }

    /** The account must set up its first factor before anything else (bootstrap admin, invited user), whatever the grace period. */
    public boolean isFirstFactorRequired() {
        return currentUser.isSignedIn() && currentUser.account().map(account -> account.isMustEnrolFactor() && !account.isMustChangePassword()
                && getState().kind() != EnrolmentState.Kind.EXEMPT).orElse(false);
    }

    public EnrolmentState getState() {
        if (state == null) {
            state = currentUser.isSignedIn() ? currentUser.account().map(policies::stateOf).orElse(null) : null;
            if (state == null) {
                state = EnrolmentState.notRequired();
            }
        }
        return state;
    }
}
