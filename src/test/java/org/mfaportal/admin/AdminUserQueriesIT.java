package org.mfaportal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.mfa.WebAuthnCredential;
import org.mfaportal.mfa.totp.TotpEnrolment;
import org.mfaportal.mfa.totp.TotpService;
import org.mfaportal.policy.EnrolmentState;
import org.mfaportal.policy.FactorKind;
import org.mfaportal.policy.PolicyRule;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.testing.PortalDeployment;

/**
 * The admin's user list and compliance counts, filtered in the database: they must agree with the state the portal
 * computes for each user, and keep paging and filtering right with 100,000 users.
 */
@ExtendWith(ArquillianExtension.class)
class AdminUserQueriesIT {

    private static final Logger LOG = Logger.getLogger(AdminUserQueriesIT.class.getName());
    private static final int MANY = 100_000;

    @Deployment
    static WebArchive deployment() {
        return PortalDeployment.war().addClasses(AdminUserQueriesIT.class);
    }

    @Inject
    AdminUserService admin;

    @Inject
    PolicyService policies;

    @Inject
    UserAccountService accounts;

    @Inject
    MfaService mfa;

    @Inject
    TotpService totp;

    @PersistenceContext
    EntityManager em;

    @Resource
    UserTransaction transaction;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String group(String name, boolean required, int graceDays, Set<FactorKind> allowed) {
        String group = name + "-" + run;
        policies.save(new PolicyRule(group, required, graceDays, 30, allowed, 10), "it-admin");
        return group;
    }

    private UserAccount user(String name, String... groups) {
        return accounts.create("crit-" + run + "-" + name, "Criteria " + name, null, "password-123".toCharArray(), Set.of(groups));
    }

    private void withApp(UserAccount user) {
        TotpEnrolment app = totp.startEnrolment(user);
        totp.confirmEnrolment(user, app, app.totp().codeAt(app.secret(), Instant.now())).orElseThrow();
    }

    private void withKey(UserAccount user, boolean passkey) {
        WebAuthnCredential credential = new WebAuthnCredential("cred-" + UUID.randomUUID(), "not-used-here", "00000000-0000-0000-0000-000000000000",
                0L, "usb", passkey, false, false, passkey);
        mfa.addAuthenticator(user, Authenticator.webAuthn(user, "Key", credential, Instant.now()));
    }

    /** A security key of a model; {@code attestationVerified} null: registered before attestation was recorded. */
    private void withKeyOfModel(UserAccount user, String aaguid, Boolean attestationVerified) {
        WebAuthnCredential credential = new WebAuthnCredential("cred-" + UUID.randomUUID(), "not-used-here", aaguid, 0L, "usb", false, false, false, false);
        mfa.addAuthenticator(user, attestationVerified == null ? Authenticator.webAuthn(user, "Key", credential, Instant.now())
                : Authenticator.webAuthn(user, "Key", credential, "packed", attestationVerified, Instant.now()));
    }

    private void update(String sql, Object... parameters) throws Exception {
        transaction.begin();
        try {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            query.executeUpdate();
            transaction.commit();
        } catch (Exception e) {
            transaction.rollback();
            throw e;
        }
    }

    private Set<String> listed(String text, String group, UserQuery.EnrolmentFilter filter) {
        UserQuery query = new UserQuery(text, group, filter, "username", true);
        assertEquals(admin.count(query), admin.find(query, 0, 1000).size(), "count and page agree for " + filter);
        return admin.find(query, 0, 1000).stream().map(UserRow::username).collect(Collectors.toCollection(TreeSet::new));
    }

    private static final String MODEL_A = "a11ce000-0000-4000-8000-00000000000a";
    private static final String MODEL_B = "b0b00000-0000-4000-8000-00000000000b";

    @Test
    void everyFilterListsExactlyTheUsersInThatStateAndTheComplianceCountsAgree() throws Exception {
        // "keys" and "passkeys" allow everything at first: their members enrol, then the policies narrow
        String keysOnly = group("keys", true, 7, EnumSet.allOf(FactorKind.class));
        String optional = group("optional", false, 14, EnumSet.allOf(FactorKind.class));
        String strict = group("strict", true, 0, EnumSet.allOf(FactorKind.class));
        String passkeysOnly = group("passkeys", false, 5, EnumSet.allOf(FactorKind.class));

        Map<UserAccount, EnrolmentState.Kind> expected = new HashMap<>();
        expected.put(user("new-in-keys", keysOnly), EnrolmentState.Kind.IN_GRACE);
        UserAccount overdue = user("overdue-in-keys", keysOnly);
        expected.put(overdue, EnrolmentState.Kind.OVERDUE);
        UserAccount appInKeys = user("app-in-keys", keysOnly);
        withApp(appInKeys);
        expected.put(appInKeys, EnrolmentState.Kind.IN_GRACE);
        UserAccount keyInKeys = user("key-in-keys", keysOnly);
        withKey(keyInKeys, false);
        expected.put(keyInKeys, EnrolmentState.Kind.ENROLLED);
        UserAccount appOptional = user("app-optional", optional);
        withApp(appOptional);
        expected.put(appOptional, EnrolmentState.Kind.ENROLLED);
        expected.put(user("nothing-optional", optional), EnrolmentState.Kind.NOT_REQUIRED);
        UserAccount exempt = user("exempt-both", keysOnly, optional);
        admin.exempt(exempt, Instant.now().plus(Duration.ofDays(3)), "Testing", "it-admin");
        expected.put(exempt, EnrolmentState.Kind.EXEMPT);
        UserAccount exemptionOver = user("exemption-over", strict);
        expected.put(exemptionOver, EnrolmentState.Kind.OVERDUE);
        expected.put(user("new-in-strict", strict), EnrolmentState.Kind.OVERDUE);
        UserAccount shortestGrace = user("keys-and-strict", keysOnly, strict);
        expected.put(shortestGrace, EnrolmentState.Kind.OVERDUE);
        UserAccount securityKeyNoLongerAllowed = user("key-in-passkeys", passkeysOnly);
        withKey(securityKeyNoLongerAllowed, false);
        expected.put(securityKeyNoLongerAllowed, EnrolmentState.Kind.IN_GRACE);
        UserAccount passkey = user("passkey-in-passkeys", passkeysOnly);
        withKey(passkey, true);
        expected.put(passkey, EnrolmentState.Kind.ENROLLED);
        UserAccount oldDisallowed = user("old-key-in-passkeys", passkeysOnly);
        withKey(oldDisallowed, false);
        expected.put(oldDisallowed, EnrolmentState.Kind.OVERDUE);
        // keys registered before their group's policy named models or required attestation
        String models = group("models", false, 5, EnumSet.allOf(FactorKind.class));
        String attested = group("attested", false, 5, EnumSet.allOf(FactorKind.class));
        UserAccount allowedModel = user("model-a-in-models", models);
        withKeyOfModel(allowedModel, MODEL_A, false);
        expected.put(allowedModel, EnrolmentState.Kind.ENROLLED);
        UserAccount otherModel = user("model-b-in-models", models);
        withKeyOfModel(otherModel, MODEL_B, true);
        expected.put(otherModel, EnrolmentState.Kind.IN_GRACE);
        UserAccount verified = user("verified-in-attested", attested);
        withKeyOfModel(verified, MODEL_B, true);
        expected.put(verified, EnrolmentState.Kind.ENROLLED);
        UserAccount unknownAttestation = user("unknown-in-attested", attested);
        withKeyOfModel(unknownAttestation, MODEL_B, null);
        expected.put(unknownAttestation, EnrolmentState.Kind.IN_GRACE);
        UserAccount bothRules = user("model-a-unverified-in-both", models, attested);
        withKeyOfModel(bothRules, MODEL_A, false);
        expected.put(bothRules, EnrolmentState.Kind.IN_GRACE);
        policies.save(new PolicyRule(models, false, 5, 30, EnumSet.allOf(FactorKind.class), 10, false, Set.of(MODEL_A)), "it-admin");
        policies.save(new PolicyRule(attested, false, 5, 30, EnumSet.allOf(FactorKind.class), 10, true, Set.of()), "it-admin");
        policies.save(new PolicyRule(keysOnly, true, 7, 30, EnumSet.of(FactorKind.SECURITY_KEY, FactorKind.PASSKEY, FactorKind.RECOVERY_CODE), 10), "it-admin");
        policies.save(new PolicyRule(passkeysOnly, false, 5, 30, EnumSet.of(FactorKind.PASSKEY), 10), "it-admin");
        UserAccount locked = user("locked-optional", optional);
        expected.put(locked, EnrolmentState.Kind.NOT_REQUIRED);

        // longer ago than any grace here, the default policy's 14 days included
        Instant longAgo = Instant.now().minus(Duration.ofDays(15));
        update("update user_account set mfa_required_since = ?1 where id in (?2, ?3)", longAgo, overdue.getId(), oldDisallowed.getId());
        update("update user_account set mfa_exempt_until = ?1, mfa_exempt_reason = 'over', mfa_exempted_by = 'it-admin', mfa_required_since = ?2 where id = ?3",
                Instant.now().minusSeconds(1), longAgo, exemptionOver.getId());
        update("update user_account set mfa_required_since = ?1 where id = ?2", Instant.now().minus(Duration.ofDays(1)), shortestGrace.getId());
        update("update user_account set locked_at = ?1 where id = ?2", Instant.now(), locked.getId());

        String everyone = "crit-" + run;
        for (Map.Entry<UserAccount, EnrolmentState.Kind> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), policies.stateOf(entry.getKey()).kind(), entry.getKey().getUsername());
        }
        for (EnrolmentState.Kind kind : EnrolmentState.Kind.values()) {
            Set<String> inState = expected.entrySet().stream().filter(entry -> entry.getValue() == kind).map(entry -> entry.getKey().getUsername())
                    .collect(Collectors.toCollection(TreeSet::new));
            UserQuery.EnrolmentFilter filter = UserQuery.EnrolmentFilter.valueOf(kind.name());
            assertEquals(inState, listed(everyone, null, filter), kind.name());
        }
        assertEquals(Set.of(locked.getUsername()), listed(everyone, null, UserQuery.EnrolmentFilter.LOCKED));
        assertEquals(expected.size(), listed(everyone, null, UserQuery.EnrolmentFilter.ANY).size());
        assertEquals(Set.of(keyInKeys.getUsername()), listed(everyone, keysOnly, UserQuery.EnrolmentFilter.ENROLLED), "group and state filters combine");

        GroupCompliance keys = admin.compliance().stream().filter(row -> keysOnly.equals(row.group())).findFirst().orElseThrow();
        assertEquals(new GroupCompliance(keysOnly, 1, 2, 2, 1, 0), keys);
        UserRow row = admin.find(new UserQuery(keyInKeys.getUsername(), null, null, null, true), 0, 5).get(0);
        assertEquals(EnrolmentState.Kind.ENROLLED, row.state().kind(), "each row carries its state");
        assertEquals(1, row.factors());
    }

    /** 1 to 100,000 as column x, in SQL that H2 and PostgreSQL both run (the cross product of five digit tables). */
    private static String numbersUpTo100000() {
        String digits = "(values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))";
        return "(select a.d * 10000 + b.d * 1000 + c.d * 100 + e.d * 10 + f.d + 1 as x from " + digits + " a(d), " + digits + " b(d), "
                + digits + " c(d), " + digits + " e(d), " + digits + " f(d)) n";
    }

    @Test
    void pagingSortingAndFilteringStayCorrectWith100000Users() throws Exception {
        String group = group("scale", true, 14, EnumSet.allOf(FactorKind.class));
        String prefix = "scale-" + run + "-";
        try {
            long started = System.nanoTime();
            update("insert into user_account (username, display_name, password_hash, enabled, created_at, version, second_factor_failures)"
                    + " select ?1 || lpad(cast(x as varchar), 6, '0'), 'Scale User ' || x, 'no password: generated for a test', true, current_timestamp, 0, 0"
                    + " from " + numbersUpTo100000() + " where x <= ?2", prefix, MANY);
            update("insert into user_group (user_id, group_name) select id, ?1 from user_account where username like ?2", group, prefix + "%");
            update("insert into authenticator (user_id, type, name, created_at) select id, 'TOTP', 'App', current_timestamp from user_account"
                    + " where username like ?1 and mod(cast(substring(username, ?2) as int), 2) = 0", prefix + "%", prefix.length() + 1);
            update("update user_account set mfa_required_since = ?1 where username like ?2 and mod(cast(substring(username, ?3) as int), 4) = 1",
                    Instant.now().minus(Duration.ofDays(30)), prefix + "%", prefix.length() + 1);
            LOG.info(() -> "generated " + MANY + " users in " + (System.nanoTime() - started) / 1_000_000 + " ms");

            assertEquals(MANY, timed("count by text", () -> admin.count(new UserQuery(prefix, null, null, null, true))));
            List<UserRow> first = timed("first page by text", () -> admin.find(new UserQuery(prefix, null, null, "username", true), 0, 25));
            assertEquals(prefix + "000001", first.get(0).username());
            assertEquals(prefix + "000025", first.get(24).username());
            List<UserRow> last = timed("last page, descending", () -> admin.find(new UserQuery(prefix, null, null, "username", false), MANY - 25, 25));
            assertEquals(prefix + "000001", last.get(24).username());

            UserQuery overdue = new UserQuery(null, group, UserQuery.EnrolmentFilter.OVERDUE, "username", true);
            assertEquals(MANY / 4, timed("count overdue in group", () -> admin.count(overdue)), "odd numbers whose grace started long ago");
            List<UserRow> overduePage = timed("first overdue page", () -> admin.find(overdue, 0, 25));
            assertEquals(25, overduePage.size());
            assertTrue(overduePage.stream().allMatch(row -> row.state().overdue()), "each listed row is overdue by its own computation too");
            assertEquals(prefix + "000001", overduePage.get(0).username());
            assertEquals(prefix + "000005", overduePage.get(1).username());
            assertEquals(MANY / 2, timed("count enrolled in group", () -> admin.count(new UserQuery(null, group, UserQuery.EnrolmentFilter.ENROLLED, null, true))));
            assertEquals(MANY / 4, timed("count in grace in group", () -> admin.count(new UserQuery(null, group, UserQuery.EnrolmentFilter.IN_GRACE, null, true))));

            GroupCompliance compliance = timed("compliance", () -> admin.compliance()).stream().filter(row -> group.equals(row.group())).findFirst().orElseThrow();
            assertEquals(new GroupCompliance(group, MANY / 2, MANY / 4, MANY / 4, 0, 0), compliance);
        } finally {
            update("delete from user_account where username like ?1", prefix + "%");
        }
        assertEquals(0, admin.count(new UserQuery(prefix, null, null, null, true)));
    }

    private static <T> T timed(String what, java.util.function.Supplier<T> query) {
        long started = System.nanoTime();
        T result = query.get();
        LOG.info(() -> what + " over " + MANY + " users: " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return result;
    }
}
