package org.mfaportal.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditRecorded;
import org.mfaportal.auth.SignInMethod;

/**
 * The portal's meters, in the server's Micrometer registry (served at {@code /metrics} on the management interface in
 * Prometheus format). The counters observe the audit events, so they count exactly what the audit log records and the
 * code that signs people in knows nothing of them; the gauges ask the database at each scrape ({@link SignInCounts}).
 * Every series exists from deployment on, at zero, so rates work from the first scrape.
 *
 * <pre>
 * mfa_sign_ins_total{outcome, factor}   outcome: success | password_rejected | throttled | directory_unreachable
 *                                                | second_factor_exhausted | locked | cancelled
 *                                        factor: how a success completed (password, trusted_browser, totp,
 *                                                recovery_code, security_key, passkey); the failed step otherwise
 *                                                (password, second_factor)
 * mfa_second_factor_failures_total       wrong, malformed or replayed codes and refused security keys at sign-in
 * mfa_lockouts_total                     accounts locked after too many wrong second factors in a row
 * mfa_email_failures_total               security e-mails not sent
 * mfa_pending_sign_ins                   sign-ins waiting for their second factor (all nodes)
 * mfa_active_sessions                    signed-in sessions (all nodes)
 * </pre>
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PortalMetrics {

    static final String SIGN_INS = "mfa.sign.ins";

    @Inject
    MeterRegistry registry;

    @Inject
    SignInCounts counts;

    private final Map<SignInMethod, Counter> successes = new EnumMap<>(SignInMethod.class);
    private final Map<AuditEventType, Counter> failures = new HashMap<>();
    private Counter completedWithUnknownMethod;
    private Counter secondFactorFailures;
    private Counter lockouts;
    private Counter emailFailures;

    @PostConstruct
    void register() {
        for (SignInMethod method : SignInMethod.values()) {
            successes.put(method, signIns("success", label(method)));
        }
        completedWithUnknownMethod = signIns("success", "unknown");
        failures.put(AuditEventType.PASSWORD_REJECTED, signIns("password_rejected", "password"));
        failures.put(AuditEventType.SIGN_IN_THROTTLED, signIns("throttled", "password"));
        failures.put(AuditEventType.DIRECTORY_UNREACHABLE, signIns("directory_unreachable", "password"));
        failures.put(AuditEventType.SECOND_FACTOR_ATTEMPTS_EXHAUSTED, signIns("second_factor_exhausted", "second_factor"));
        failures.put(AuditEventType.ACCOUNT_LOCKED, signIns("locked", "second_factor"));
        failures.put(AuditEventType.SIGN_IN_CANCELLED, signIns("cancelled", "second_factor"));
        secondFactorFailures = Counter.builder("mfa.second.factor.failures")
                .description("Wrong, malformed or replayed second-factor codes and refused security keys at sign-in").register(registry);
        lockouts = Counter.builder("mfa.lockouts")
                .description("Accounts locked after too many consecutive wrong second factors").register(registry);
        emailFailures = Counter.builder("mfa.email.failures")
                .description("Security e-mails that could not be sent").register(registry);
        Gauge.builder("mfa.pending.sign.ins", counts, SignInCounts::pendingSignIns).strongReference(true)
                .description("Sign-ins waiting for their second factor, on all nodes").register(registry);
        Gauge.builder("mfa.active.sessions", counts, SignInCounts::activeSessions).strongReference(true)
                .description("Signed-in sessions, on all nodes").register(registry);
    }

    private Counter signIns(String outcome, String factor) {
        return Counter.builder(SIGN_INS)
                .description("Sign-ins by outcome, and by factor (successes) or the step that failed")
                .tag("outcome", outcome)
                .tag("factor", factor)
                .register(registry);
    }

    static String label(SignInMethod method) {
        return method.name().toLowerCase(java.util.Locale.ROOT);
    }

    public void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditRecorded event) {
        switch (event.type()) {
            case SIGN_IN_COMPLETED -> SignInMethod.ofAuditDetail(event.detail()).map(successes::get)
                    .orElse(completedWithUnknownMethod).increment();
            case SECOND_FACTOR_REJECTED -> secondFactorFailures.increment();
            case NOTIFICATION_FAILED -> emailFailures.increment();
            case ACCOUNT_LOCKED -> {
                lockouts.increment();
                failures.get(event.type()).increment();
            }
            default -> Optional.ofNullable(failures.get(event.type())).ifPresent(Counter::increment);
        }
    }
}
