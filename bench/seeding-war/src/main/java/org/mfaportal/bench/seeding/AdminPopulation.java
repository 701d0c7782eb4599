package org.mfaportal.bench.seeding;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.mfaportal.account.BenchAccountFactory;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.crypto.SecretKeyring;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.totp.Totp;

/**
 * The population the admin pages are measured against (issue 7: 100,000 users, 1,000,000 audit events). Each call is
 * one transaction over one batch; the servlet drives the batches.
 *
 * <p>Users: JPA entities as the portal makes them ({@link BenchAccountFactory}: one shared, precomputed password
 * hash), spread deterministically over 20 department groups, display names from a small name list (so a text filter
 * matches a realistic fraction), creation times over three years. Every {@value #ENROLLED_PERCENT} % of them get an
 * authenticator app whose random secret is sealed with the portal's key exactly as TotpService does (no recovery
 * codes: those cost ten PBKDF2 hashes per user and the admin pages do not show them), and every
 * {@value #LOCKED_EVERY}th one is locked.
 *
 * <p>Audit events: JDBC batches into {@code audit_event} over the portal's datasource, a year of sign-in traffic and
 * account changes of those users from 2,000 addresses.
 */
@Stateless
public class AdminPopulation {

    static final int GROUPS = 20;
    static final int ENROLLED_PERCENT = 60;
    static final int LOCKED_EVERY = 100;
    static final int ADDRESSES = 2_000;

    private static final List<String> FIRST_NAMES = List.of("Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo",
            "Ida", "Jonas", "Klara", "Leon", "Mia", "Noah", "Olga", "Paul", "Rosa", "Simon", "Tara", "Umar", "Vera", "Wim",
            "Xenia", "Yusuf", "Zoe");
    private static final List<String> LAST_NAMES = List.of("Keller", "Meyer", "Schmidt", "Novak", "Rossi", "Garcia", "Silva",
            "Jensen", "Larsen", "Dubois", "Moreau", "Kowalski", "Nowak", "Horvath", "Papadopoulos", "Murphy", "Walsh",
            "Berg", "Lindqvist", "Virtanen", "Costa", "Ferreira", "Janssen", "Peeters", "Huber", "Bauer", "Wagner",
            "Fischer", "Weber", "Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz",
            "Zimmermann", "Braun");

    /** The mix of a year of audit events, roughly as sign-ins produce them (3 rows per TOTP sign-in). */
    private static final List<AuditEventType> EVENT_MIX = List.of(
            AuditEventType.PASSWORD_ACCEPTED, AuditEventType.PASSWORD_ACCEPTED, AuditEventType.PASSWORD_ACCEPTED,
            AuditEventType.PASSWORD_ACCEPTED, AuditEventType.PASSWORD_ACCEPTED, AuditEventType.PASSWORD_ACCEPTED,
            AuditEventType.SECOND_FACTOR_ACCEPTED, AuditEventType.SECOND_FACTOR_ACCEPTED, AuditEventType.SECOND_FACTOR_ACCEPTED,
            AuditEventType.SECOND_FACTOR_ACCEPTED, AuditEventType.SIGN_IN_COMPLETED, AuditEventType.SIGN_IN_COMPLETED,
            AuditEventType.SIGN_IN_COMPLETED, AuditEventType.SIGN_IN_COMPLETED, AuditEventType.SIGN_IN_COMPLETED,
            AuditEventType.SIGN_IN_COMPLETED, AuditEventType.SIGNED_OUT, AuditEventType.SIGNED_OUT,
            AuditEventType.PASSWORD_REJECTED, AuditEventType.SECOND_FACTOR_REJECTED, AuditEventType.REAUTHENTICATED,
            AuditEventType.TRUSTED_BROWSER_USED, AuditEventType.FACTOR_ADDED, AuditEventType.RECOVERY_CODES_GENERATED,
            AuditEventType.TRUSTED_BROWSER_ADDED, AuditEventType.SIGN_IN_THROTTLED, AuditEventType.RECOVERY_CODE_USED,
            AuditEventType.FACTOR_REMOVED, AuditEventType.ACCOUNT_LOCKED, AuditEventType.ACCOUNT_UNLOCKED);

    private static final SecureRandom SECRETS = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretKeyring keyring;

    @Resource(lookup = "java:jboss/datasources/PortalDS")
    DataSource dataSource;

    static String username(String prefix, int number) {
        return prefix + String.format("%06d", number);
    }

    static String group(int number) {
        return String.format("dept-%02d", number % GROUPS + 1);
    }

    /** Creates accounts {@code first} .. {@code first + count - 1}; returns how many got an authenticator app. */
    public int createUsers(String prefix, int first, int count, String passwordHash, Instant now) {
        int enrolled = 0;
        for (int number = first; number < first + count; number++) {
            Random random = new Random(number);
            String displayName = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())) + " " + LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
            Instant createdAt = now.minus(random.nextInt(3 * 365 * 24), ChronoUnit.HOURS);
            UserAccount account = BenchAccountFactory.withPrecomputedHash(username(prefix, number), displayName,
                    username(prefix, number) + "@example.test", passwordHash, Set.of(group(number)), createdAt);
            em.persist(account);
            if (random.nextInt(100) < ENROLLED_PERCENT) {
                em.flush();
                byte[] secret = new byte[20];
                SECRETS.nextBytes(secret);
                // The associated data TotpService binds a sealed secret to its owner with.
                String sealed = keyring.cipher().encrypt(secret, "totp:user:" + account.getId());
                em.persist(Authenticator.totp(account, "Authenticator app", sealed, Totp.defaults(), Totp.defaults().timeStep(createdAt), createdAt));
                enrolled++;
            }
            if ((number - first) % 500 == 499) {
                em.flush();
                em.clear();
            }
        }
        em.flush();
        em.clear();
        return enrolled;
    }

    /** Locks every {@value #LOCKED_EVERY}th bulk account, as LockoutService does (an update of locked_at). */
    public int lockSome(String prefix, Instant now) {
        return em.createQuery("update UserAccount u set u.lockedAt = :now where u.username like :prefix and mod(u.id, :every) = 0")
                .setParameter("now", now).setParameter("prefix", prefix + "%").setParameter("every", (long) LOCKED_EVERY).executeUpdate();
    }

    /** H2 only: {@code SET OPTIMIZE_REUSE_RESULTS}, a database-wide setting that lasts until the server restarts. */
    public String setH2ResultReuse(boolean enabled) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            if (!connection.getMetaData().getDatabaseProductName().equals("H2")) {
                return "not H2: nothing to switch";
            }
            statement.execute("SET OPTIMIZE_REUSE_RESULTS " + (enabled ? "TRUE" : "FALSE"));
            return enabled ? "on (H2's default)" : "off";
        }
    }

    /** Inserts events {@code first} .. {@code first + count - 1} about users {@code 0 .. users - 1}, over the year before {@code now}. */
    public void createAuditEvents(String prefix, int users, int first, int count, Instant now) throws SQLException {
        Random random = new Random(first);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into audit_event"
                     + " (occurred_at, event_type, actor_username, subject_username, ip_address, user_agent, detail) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String subject = username(prefix, random.nextInt(users));
                AuditEventType type = EVENT_MIX.get(random.nextInt(EVENT_MIX.size()));
                boolean byAdmin = type == AuditEventType.ACCOUNT_UNLOCKED;
                insert.setObject(1, now.minusSeconds(random.nextInt(365 * 24 * 3600)).atOffset(ZoneOffset.UTC));
                insert.setString(2, type.name());
                insert.setString(3, byAdmin ? "bench-admin" : subject);
                insert.setString(4, subject);
                int address = random.nextInt(ADDRESSES);
                insert.setString(5, "10.0." + address / 250 + "." + (address % 250 + 1));
                insert.setString(6, "Mozilla/5.0 (X11; Linux x86_64) bench");
                insert.setString(7, null);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
