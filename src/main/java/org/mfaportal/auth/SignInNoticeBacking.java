package org.mfaportal.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.mfaportal.mfa.recovery.RecoveryCodeService;

/** The one-time notice on the first page after a sign-in with a recovery code. */
@Named
@RequestScoped
public class SignInNoticeBacking {

    @Inject
    HttpServletRequest request;

    private Optional<Integer> recoveryCodesLeft;

    private Optional<Integer> left() {
        if (recoveryCodesLeft == null) {
            recoveryCodesLeft = SignInSession.takeRecoveryCodesLeft(request);
        }
        return recoveryCodesLeft;
    }

    public boolean isRecoveryCodeUsed() {
        return left().isPresent();
    }

    public int getRecoveryCodesLeft() {
        return left().orElse(0);
    }

    public boolean isFewRecoveryCodesLeft() {
        return left().map(count -> count <= RecoveryCodeService.FEW_LEFT).orElse(false);
    }
}
