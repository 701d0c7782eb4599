package org.mfaportal.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditRecorded;
import org.mfaportal.auth.SignInMethod;
import org.mfaportal.crypto.SlowHashLimiter;

/**
 * The portal's meters, in the server's Micrometer registry (served at {@code /metrics} on the management interface in
 * Prometheus format). The counters observe the audit events, so they count exactly what the audit log records and the
 * code that signs people in knows nothing of them; the gauges ask the database at each scrape ({@link SignInCounts}).
 * Every series exists from deployment on, at zero, so rates work from the first scrape.
 *
 * <pre>
 * mfa_sign_ins_total{outcome, factor}   outcome: success | password_rejected | throttled | refused_locked
 *                                                | directory_unreachable | second_factor_exhausted | locked | cancelled
 *                                        factor: how a success completed (password, trusted_browser, totp,
 *                                                recovery_code, security_key, passkey); the failed step otherwise
 *                                                (password, second_factor)
 * mfa_second_factor_failures_total       wrong, malformed or replayed codes and refused security keys at sign-in
 * mfa_lockouts_total                     accounts locked after too many wrong second factors in a row
 * mfa_email_failures_total               security e-mails not sent
 * mfa_pending_sign_ins                   sign-ins waiting for their second factor (all nodes)
 * mfa_active_sessions                    signed-in sessions (all nodes)
 * mfa_slow_hash_cpu_seconds              CPU time of this node's password and recovery-code hashes since it started
 * mfa_slow_hashes                        how many of them it computed since it started
 * mfa_slow_hashes_waiting                sign-ins waiting for a core to hash on (this node; see SlowHashLimiter)
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

    /*
     * Registered with registry.counter(...) and registry.gauge(...), not with the builders: WildFly 39's per-deployment
     * registry passes only these calls on to the server's registry that /metrics shows; a builder's meter would stay
     * in the deployment and never be scraped (so the meters carry no HELP text). The gauge holds its object weakly:
     * this singleton keeps it.
     */
    @PostConstruct
    void register() {
        for (SignInMethod method : SignInMethod.values()) {
            successes.put(method, signIns("success", label(method)));
        }
        completedWithUnknownMethod = signIns("success", "unknown");
        failures.put(AuditEventType.PASSWORD_REJECTED, signIns("password_rejected", "password"));
        failures.put(AuditEventType.SIGN_IN_THROTTLED, signIns("throttled", "password"));
        failures.put(AuditEventType.SIGN_IN_REFUSED_LOCKED, signIns("refused_locked", "password"));
        failures.put(AuditEventType.DIRECTORY_UNREACHABLE, signIns("directory_unreachable", "password"));
        failures.put(AuditEventType.SECOND_FACTOR_ATTEMPTS_EXHAUSTED, signIns("second_factor_exhausted", "second_factor"));
        failures.put(AuditEventType.ACCOUNT_LOCKED, signIns("locked", "second_factor"));
        failures.put(AuditEventType.SIGN_IN_CANCELLED, signIns("cancelled", "second_factor"));
        secondFactorFailures = registry.counter("mfa.second.factor.failures");
        lockouts = registry.counter("mfa.lockouts");
        emailFailures = registry.counter("mfa.email.failures");
        registry.gauge("mfa.pending.sign.ins", Tags.empty(), counts, SignInCounts::pendingSignIns);
        registry.gauge("mfa.active.sessions", Tags.empty(), counts, SignInCounts::activeSessions);
        // totals as gauges: a function counter would not reach the scraped registry (above)
        SlowHashLimiter hashing = SlowHashLimiter.shared();
        registry.gauge("mfa.slow.hash.cpu.seconds", Tags.empty(), hashing, limiter -> limiter.hashCpuTime().toNanos() / 1e9);
        registry.gauge("mfa.slow.hashes", Tags.empty(), hashing, SlowHashLimiter::hashesComputed);
        registry.gauge("mfa.slow.hashes.waiting", Tags.empty(), hashing, SlowHashLimiter::waitingCount);
    }

    /**
     * The server's registry outlives the deployment: a redeployment must not find gauges that still ask the old one's
     * beans. Counters start again at zero, which Prometheus reads as a restart.
     */
    @PreDestroy
    void unregister() {
        registry.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("mfa.")).forEach(registry::remove);
    }

    private Counter signIns(String outcome, String factor) {
        return registry.counter(SIGN_INS, Tags.of("outcome", outcome, "factor", factor));
    }

    static String label(SignInMethod method) {
        return method.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Fired after the event's transaction committed ({@link AuditRecorded}). */
    public void count(@Observes AuditRecorded event) {
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
