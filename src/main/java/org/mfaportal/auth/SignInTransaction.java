package org.mfaportal.auth;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.Supplier;

/**
 * One database transaction around a step of a sign-in that comes after its slow work (the password hash): the
 * services the step calls (account, lockout, factors, policy, pending sign-in, live session, the audit of its
 * successes) join it, share one persistence context (an account loaded once is not loaded again) and commit once,
 * instead of one transaction per service call. Never around the password hash itself: a transaction holds a pooled
 * connection from its first statement to its commit, and hashes wait in the slow-hash queue.
 *
 * What must outlive a rollback of the step keeps its own transaction: failures and refusals are audited by {@link
 * org.mfaportal.audit.AuditService#recordOwn} (REQUIRES_NEW), failed attempts are counted by {@link
 * LockoutService#passwordFailed} and {@link LockoutService#secondFactorFailed} (REQUIRES_NEW).
 */
@Stateless
public class SignInTransaction {

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public <T> T run(Supplier<T> step) {
        return step.get();
    }
}
