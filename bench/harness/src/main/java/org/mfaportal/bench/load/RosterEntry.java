package org.mfaportal.bench.load;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.mfaportal.bench.users.AuthenticatorAppKey;
import org.mfaportal.bench.users.SeededUser;

/**
 * A seeded user and what their one-time codes allow next. Held by one virtual user at a time (the roster sees to
 * that), so the fields need no locking of their own.
 */
final class RosterEntry {

    private final SeededUser user;
    private long lastTotpStep;
    private final Deque<String> unspentRecoveryCodes;

    RosterEntry(SeededUser user) {
        this.user = user;
        this.lastTotpStep = user.app().map(AuthenticatorAppKey::enrolmentStep).orElse(Long.MIN_VALUE);
        this.unspentRecoveryCodes = new ArrayDeque<>(user.recoveryCodes());
    }

    SeededUser user() {
        return user;
    }

    void totpStepUsed(long step) {
        lastTotpStep = Math.max(lastTotpStep, step);
    }

    void recoveryCodeUsed(String code) {
        unspentRecoveryCodes.remove(code);
    }

    /**
     * The portal accepts codes of the current step and, with its tolerance of one step, of the next one, but never a
     * step at or before the last it accepted: so a user can sign in at most twice per 30 s step.
     */
    boolean canSignIn(SignInFlow flow, Instant now) {
        return switch (flow) {
            case PASSWORD_ONLY -> true;
            case PASSWORD_AND_TOTP, PASSKEY -> lastTotpStep <= currentStep(now);
            case PASSWORD_AND_RECOVERY_CODE -> !unspentRecoveryCodes.isEmpty();
        };
    }

    /** The code to type now into the portal, written down in the ledger before it is used. */
    String takeSecondFactorCode(SignInFlow flow, Instant now, UsageLedger ledger) {
        return takeSecondFactorCode(flow, now, ledger, Target.PORTAL);
    }

    /**
     * The code to type now into {@code target}, written down in the ledger before it is used. The same rule holds for
     * both systems (Keycloak too refuses a code it accepted before, unless its OTP policy says codes are reusable):
     * never a time step at or before the last one used.
     */
    String takeSecondFactorCode(SignInFlow flow, Instant now, UsageLedger ledger, Target target) {
        switch (flow) {
            case PASSWORD_AND_TOTP, PASSKEY -> {
                AuthenticatorAppKey app = user.app().orElseThrow();
                long step = Math.max(lastTotpStep + 1, currentStep(now));
                if (step > currentStep(now) + 1) {
                    throw new IllegalStateException(user.username() + " has no unused TOTP step left in the accepted window");
                }
                ledger.record(user.username(), UsageLedger.TOTP_STEP, Long.toString(step));
                lastTotpStep = step;
                return app.totp().codeAt(target.totpKey(app), step);
            }
            case PASSWORD_AND_RECOVERY_CODE -> {
                String code = unspentRecoveryCodes.removeFirst();
                ledger.record(user.username(), UsageLedger.RECOVERY_CODE, code);
                return code;
            }
            default -> throw new IllegalStateException(flow + " has no second factor");
        }
    }

    private long currentStep(Instant now) {
        return user.app().orElseThrow().totp().timeStep(now);
    }
}
