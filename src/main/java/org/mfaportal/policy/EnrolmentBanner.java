package org.mfaportal.policy;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.mfaportal.web.CurrentUser;

/** The banner on every page while a user must still set up MFA: by when, or that they must now. */
@Named
@RequestScoped
public class EnrolmentBanner {

    @Inject
    CurrentUser currentUser;

    @Inject
    PolicyService policies;

    private EnrolmentState state;

    public EnrolmentState getState() {
        if (state == null) {
            state = currentUser.isSignedIn() ? currentUser.account().map(policies::stateOf).orElse(null) : null;
            if (state == null) {
                state = new EnrolmentState(EnrolmentState.Kind.NOT_REQUIRED, null);
            }
        }
        return state;
    }
}
