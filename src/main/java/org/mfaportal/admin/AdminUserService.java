package org.mfaportal.admin;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mfaportal.account.AccountSource;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.auth.LockoutService;
import org.mfaportal.auth.TrustedBrowserService;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.FactorKind;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.mfa.recovery.RecoveryCodeService;
import org.mfaportal.notify.SecurityNotice;
import org.mfaportal.policy.EnrolmentCriteria;
import org.mfaportal.policy.EnrolmentState;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.policy.PolicySet;
import org.mfaportal.web.Dates;

/**
 * What IT admins do to users' accounts: find them and their enrolment state (filtered and paged by the database),
 * count compliance per group, unlock, reset MFA, remove a factor, revoke trust, exempt. Every action is audited with
 * the admin as actor, and the user gets an e-mail.
 */
@Stateless
public class AdminUserService {

    /** An exemption is temporary: at most this far ahead. */
    public static final int MAX_EXEMPTION_DAYS = 366;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    LockoutService lockout;

    @Inject
    MfaService mfa;

    @Inject
    RecoveryCodeService recoveryCodes;

    @Inject
    TrustedBrowserService trustedBrowsers;

    @Inject
    PolicyService policies;

    @Inject
    AuditService audit;

    @Inject
    Event<SecurityNotice> notices;

    @Inject
    Dates dates;

    /** One page of users matching the query, filtered, sorted and paged by the database. */
    public List<UserRow> find(UserQuery query, int first, int pageSize) {
        PolicySet policySet = policies.policySet();
        EnrolmentCriteria.Condition filter = filter(query, policySet);
        TypedQuery<UserRow> select = em.createQuery("select new org.mfaportal.admin.UserRow(u.id, u.username, u.displayName, u.email, u.lockedAt,"
                + " u.createdAt, u.mfaRequiredSince, u.mfaExemptUntil, u.source, u.directoryRefreshedAt, u.directoryStatus) from UserAccount u where " + filter.jpql()
                + " order by " + ordering(query), UserRow.class);
        filter.bind(select);
        return completed(select.setFirstResult(first).setMaxResults(pageSize).getResultList(), policySet);
    }

    /**
     * Usernames are unique: sorted by them, the database walks their index and stops after the page. The other sort
     * keys need the id to be a total order; an index on each pair keeps that a walk too (V9).
     */
    private static String ordering(UserQuery query) {
        String direction = query.ascending() ? " asc" : " desc";
        return "username".equals(query.sortField()) ? "u.username" + direction : "u." + query.sortField() + direction + ", u.id" + direction;
    }

    public long count(UserQuery query) {
        EnrolmentCriteria.Condition filter = filter(query, policies.policySet());
        return filter.bind(em.createQuery("select count(u) from UserAccount u where " + filter.jpql(), Long.class)).getSingleResult();
    }

    /** Users per enrolment state, for everyone and per group; groups in name order. Two queries, whatever the number of users. */
    public List<GroupCompliance> compliance() {
        EnrolmentCriteria.Condition state = EnrolmentCriteria.stateName(policies.policySet(), "u");
        Map<EnrolmentState.Kind, Long> everyone = new HashMap<>();
        state.bind(em.createQuery("select " + state.jpql() + ", count(u) from UserAccount u group by " + state.jpql(), Object[].class))
                .getResultList()
                .forEach(row -> everyone.put(EnrolmentState.Kind.valueOf((String) row[0]), (Long) row[1]));
        Map<String, Map<EnrolmentState.Kind, Long>> byGroup = new TreeMap<>();
        state.bind(em.createQuery("select g, " + state.jpql() + ", count(u) from UserAccount u join u.groups g group by g, " + state.jpql(), Object[].class))
                .getResultList()
                .forEach(row -> byGroup.computeIfAbsent((String) row[0], group -> new HashMap<>()).put(EnrolmentState.Kind.valueOf((String) row[1]), (Long) row[2]));
        List<GroupCompliance> result = new ArrayList<>();
        result.add(compliance(null, everyone));
        byGroup.forEach((group, counts) -> result.add(compliance(group, counts)));
        return result;
    }

    private static GroupCompliance compliance(String group, Map<EnrolmentState.Kind, Long> counts) {
        return new GroupCompliance(group, counts.getOrDefault(EnrolmentState.Kind.ENROLLED, 0L), counts.getOrDefault(EnrolmentState.Kind.IN_GRACE, 0L),
                counts.getOrDefault(EnrolmentState.Kind.OVERDUE, 0L), counts.getOrDefault(EnrolmentState.Kind.EXEMPT, 0L),
                counts.getOrDefault(EnrolmentState.Kind.NOT_REQUIRED, 0L));
    }

    private static EnrolmentCriteria.Condition filter(UserQuery query, PolicySet policySet) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" and (u.username like :text or lower(u.displayName) like :text)");
            parameters.put("text", "%" + escapeLike(query.text().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.group() != null && !query.group().isBlank()) {
            where.append(" and :group member of u.groups");
            parameters.put("group", query.group().strip());
        }
        if (query.source() != UserQuery.SourceFilter.ANY) {
            where.append(" and u.source = :source");
            parameters.put("source", AccountSource.valueOf(query.source().name()));
        }
        if (query.enrolment() == UserQuery.EnrolmentFilter.LOCKED) {
            where.append(" and u.lockedAt is not null");
        }
        query.enrolment().state().ifPresent(state -> {
            EnrolmentCriteria.Condition condition = EnrolmentCriteria.of(policySet, "u", state);
            where.append(" and (").append(condition.jpql()).append(")");
            parameters.putAll(condition.parameters());
        });
        return new EnrolmentCriteria.Condition(where.toString(), parameters);
    }

    /** Typed wildcards are searched for literally; the default LIKE escape is the backslash in H2 and PostgreSQL. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Adds groups, factor counts and the enrolment state to a page of rows: two queries per page, none per row. */
    private List<UserRow> completed(List<UserRow> page, PolicySet policySet) {
        if (page.isEmpty()) {
            return page;
        }
        List<Long> ids = page.stream().map(UserRow::id).toList();
        Map<Long, Set<String>> groups = new HashMap<>();
        em.createQuery("select u.id, g from UserAccount u join u.groups g where u.id in :ids", Object[].class).setParameter("ids", ids)
                .getResultList().forEach(row -> groups.computeIfAbsent((Long) row[0], id -> new TreeSet<>()).add((String) row[1]));
        Map<Long, List<FactorKind>> factors = new HashMap<>();
        em.createQuery("select a from Authenticator a where a.user.id in :ids", Authenticator.class).setParameter("ids", ids)
                .getResultList().forEach(a -> factors.computeIfAbsent(a.getUser().getId(), id -> new ArrayList<>()).add(FactorKind.of(a)));
        return page.stream().map(row -> {
            Set<String> userGroups = groups.getOrDefault(row.id(), Set.of());
            List<FactorKind> kinds = factors.getOrDefault(row.id(), List.of());
            Set<FactorKind> kindSet = kinds.isEmpty() ? EnumSet.noneOf(FactorKind.class) : EnumSet.copyOf(kinds);
            EnrolmentState state = policySet.stateOf(new PolicySet.UserFacts(userGroups, kindSet, row.requiredSince(), row.exemptUntil()));
            return row.completed(String.join(", ", userGroups), kinds.size(), state);
        }).toList();
    }

    public Optional<UserAccount> user(long id) {
        return Optional.ofNullable(em.find(UserAccount.class, id));
    }

    public void unlock(UserAccount user, String admin) {
        lockout.unlock(user, admin);
        notices.fire(SecurityNotice.byAdmin(user, SecurityNotice.Kind.ACCOUNT_UNLOCKED, null, admin));
    }

    /** Removes every factor, the recovery codes and the trusted browsers: the user enrols again. */
    public void resetMfa(UserAccount user, String admin) {
        for (Authenticator factor : mfa.authenticators(user)) {
            em.remove(em.merge(factor));
        }
        em.flush();
        recoveryCodes.deleteRecoveryCodes(user);
        trustedBrowsers.revokeAll(user, "MFA reset by an admin", admin);
        audit.record(AuditEventType.MFA_RESET, admin, user.getUsername(), null);
        notices.fire(SecurityNotice.byAdmin(user, SecurityNotice.Kind.MFA_RESET, null, admin));
    }

    /** Removes one factor (e.g. a lost key); the user is told by the factor-removed e-mail. */
    public boolean removeFactor(UserAccount user, long authenticatorId, String admin) {
        return mfa.removeAuthenticator(user, authenticatorId, admin);
    }

    public void revokeTrustedBrowsers(UserAccount user, String admin) {
        trustedBrowsers.revokeAll(user, "revoked by an admin", admin);
        notices.fire(SecurityNotice.byAdmin(user, SecurityNotice.Kind.TRUSTED_BROWSERS_REVOKED, null, admin));
    }

    /**
     * Exempts the user from having to use MFA until {@code until}; factors they have still ask for themselves.
     *
     * @throws InvalidExemptionException when the date is not in the future (within {@link #MAX_EXEMPTION_DAYS}) or
     *         the reason is blank or too long
     */
    public void exempt(UserAccount user, Instant until, String reason, String admin) {
        Instant now = clock.instant();
        String why = reason == null ? "" : reason.strip();
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(Duration.ofDays(MAX_EXEMPTION_DAYS)))) {
            throw new InvalidExemptionException("The exemption must end in the future, within " + MAX_EXEMPTION_DAYS + " days");
        }
        if (why.isEmpty() || why.length() > UserAccount.MAX_EXEMPTION_REASON_LENGTH) {
            throw new InvalidExemptionException("A reason of 1 to " + UserAccount.MAX_EXEMPTION_REASON_LENGTH + " characters is required");
        }
        UserAccount managed = em.find(UserAccount.class, user.getId());
        managed.exemptFromMfa(until, why, admin);
        audit.record(AuditEventType.MFA_EXEMPTED, admin, user.getUsername(), "until " + until + ": " + why);
        notices.fire(SecurityNotice.byAdmin(managed, SecurityNotice.Kind.MFA_EXEMPTED, dates.format(until), admin));
    }

    public void endExemption(UserAccount user, String admin) {
        UserAccount managed = em.find(UserAccount.class, user.getId());
        if (managed.getMfaExemptUntil() == null) {
            return;
        }
        managed.endMfaExemption();
        audit.record(AuditEventType.MFA_EXEMPTION_ENDED, admin, user.getUsername(), null);
        notices.fire(SecurityNotice.byAdmin(managed, SecurityNotice.Kind.MFA_EXEMPTION_ENDED, null, admin));
    }
}
