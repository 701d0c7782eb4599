package org.mfaportal.auth;

import java.util.Set;
import org.mfaportal.policy.FactorKind;

/** What became of one second-factor attempt on a pending sign-in. */
public sealed interface SecondFactorResult {

    /** The factor matched: the sign-in may complete as {@code username} with {@code groups}. */
    record Verified(String username, Set<String> groups, ReturnPath returnPath, SecondFactorKind factor,
            int recoveryCodesLeft) implements SecondFactorResult {
    }

    /**
     * Wrong, malformed or already used code, or a refused security key; the pending sign-in goes on.
     *
     * @param refusalMessageKey why a security key was refused; null for codes
     */
    record Rejected(int attemptsLeft, String refusalMessageKey) implements SecondFactorResult {
    }

    /** Too many wrong codes: the pending sign-in is gone, the password is needed again. */
    record AttemptsExhausted() implements SecondFactorResult {
    }

    /** That wrong factor was one too many in a row: the account is locked until an admin unlocks it. */
    record AccountLocked() implements SecondFactorResult {
    }

    /** No pending sign-in for this token: never started, expired, cancelled or already completed. */
    record NoPendingLogin() implements SecondFactorResult {
    }

    enum SecondFactorKind {
        TOTP(FactorKind.TOTP), RECOVERY_CODE(FactorKind.RECOVERY_CODE), SECURITY_KEY(FactorKind.SECURITY_KEY);

        private final FactorKind kind;

        SecondFactorKind(FactorKind kind) {
            this.kind = kind;
        }

        FactorKind kind() {
            return kind;
        }
    }
}
