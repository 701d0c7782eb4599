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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.mfaportal.account.AccountAccessRevoked;
import org.mfaportal.account.InvitationService;
import org.mfaportal.account.AccountSource;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.auth.LockoutService;
import org.mfaportal.auth.TrustedBrowserService;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.mfa.recovery.RecoveryCodeService;
import org.mfaportal.notify.SecurityNotice;
import org.mfaportal.policy.EnrolmentCriteria;
import org.mfaportal.policy.EnrolledFactor;
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

    @Inject
    UserAccountService accounts;

    @Inject
    Event<AccountAccessRevoked> accessRevoked;

    @Inject
    InvitationService invitations;

    public static final int MAX_DISPLAY_NAME_LENGTH = 200;
    public static final int MAX_EMAIL_LENGTH = 254;
    public static final int MAX_GROUP_LENGTH = 100;

    /** One page of users matching the query, filtered, sorted and paged by the database. */
    public List<UserRow> find(UserQuery query, int first, int pageSize) {
        PolicySet policySet = policies.policySet();
        EnrolmentCriteria.Condition filter = filter(query, policySet);
        TypedQuery<UserRow> select = em.createQuery("select new org.mfaportal.admin.UserRow(u.id, u.username, u.displayName, u.email, u.lockedAt,"
                + " u.createdAt, u.mfaRequiredSince, u.mfaExemptUntil, u.disabledAt, u.source, u.directoryRefreshedAt, u.directoryStatus) from UserAccount u where " + filter.jpql()
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

    /**
     * Users per enrolment state, for everyone and per group; groups in name order. Two queries per state (ten),
     * whatever the number of users. Not one query grouped by the state expression: PostgreSQL refuses that (Hibernate
     * repeats the expression in GROUP BY with new aliases, so its correlated subqueries use an ungrouped column; H2
     * accepted it), and the derived table that would avoid it is not JPQL (WildFly holds Hibernate to JPA compliance).
     */
    public List<GroupCompliance> compliance() {
        PolicySet policySet = policies.policySet();
        Map<EnrolmentState.Kind, Long> everyone = new HashMap<>();
        Map<String, Map<EnrolmentState.Kind, Long>> byGroup = new TreeMap<>();
        for (EnrolmentState.Kind kind : EnrolmentState.Kind.values()) {
            EnrolmentCriteria.Condition state = EnrolmentCriteria.of(policySet, "u", kind);
            everyone.put(kind, state.bind(em.createQuery("select count(u) from UserAccount u where " + state.jpql(), Long.class)).getSingleResult());
            state.bind(em.createQuery("select g, count(u) from UserAccount u join u.groups g where " + state.jpql() + " group by g", Object[].class))
                    .getResultList()
                    .forEach(row -> byGroup.computeIfAbsent((String) row[0], group -> new HashMap<>()).put(kind, (Long) row[1]));
        }
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
            // exists, not "member of": PostgreSQL turns it into a semi-join on the group's index instead of one
            // subquery per user (bench/README.md, "PostgreSQL plans")
            where.append(" and exists (select g from u.groups g where g = :group)");
            parameters.put("group", query.group().strip());
        }
        if (query.source() != UserQuery.SourceFilter.ANY) {
            where.append(" and u.source = :source");
            parameters.put("source", AccountSource.valueOf(query.source().name()));
        }
        if (query.enrolment() == UserQuery.EnrolmentFilter.LOCKED) {
            where.append(" and u.lockedAt is not null");
        }
        if (query.enrolment() == UserQuery.EnrolmentFilter.DISABLED) {
            where.append(" and u.enabled = false");
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
        Map<Long, List<EnrolledFactor>> factors = new HashMap<>();
        em.createQuery("select a from Authenticator a where a.user.id in :ids", Authenticator.class).setParameter("ids", ids)
                .getResultList().forEach(a -> factors.computeIfAbsent(a.getUser().getId(), id -> new ArrayList<>()).add(a.asEnrolledFactor()));
        return page.stream().map(row -> {
            Set<String> userGroups = groups.getOrDefault(row.id(), Set.of());
            List<EnrolledFactor> userFactors = factors.getOrDefault(row.id(), List.of());
            EnrolmentState state = policySet.stateOf(new PolicySet.UserFacts(userGroups, userFactors, row.requiredSince(), row.exemptUntil()));
            return row.completed(String.join(", ", userGroups), userFactors.size(), state);
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

    /**
     * Creates an account without a password, in the given groups.
     *
     * @throws AccountChangeRefused with the field at fault: a username that is invalid or taken (after normalisation),
     *         a missing or too long display name, a missing or malformed e-mail address, an invalid group name
     */
    public Created createUser(NewUser newUser, String admin) {
        String username = UserAccount.normalizeUsername(newUser.username());
        if (!UserAccount.isValidUsername(username)) {
            throw new AccountChangeRefused(AccountChangeRefused.Field.USERNAME, "admin.new-user.username.invalid");
        }
        if (accounts.findByUsername(username).isPresent()) {
            throw new AccountChangeRefused(AccountChangeRefused.Field.USERNAME, "admin.new-user.username.taken");
        }
        String displayName = newUser.displayName() == null ? "" : newUser.displayName().strip();
        if (displayName.isEmpty() || displayName.length() > MAX_DISPLAY_NAME_LENGTH) {
            throw new AccountChangeRefused(AccountChangeRefused.Field.DISPLAY_NAME, "admin.new-user.display-name.invalid");
        }
        String email = validEmail(newUser.email());
        Set<String> groups = validGroups(newUser.groups());
        UserAccount user;
        try {
            user = accounts.createWithoutPassword(username, displayName, email, groups);
            em.flush();
        } catch (jakarta.persistence.PersistenceException concurrentlyTaken) {
            // another admin created the same username between the check and the insert: the unique index decided
            throw new AccountChangeRefused(AccountChangeRefused.Field.USERNAME, "admin.new-user.username.taken");
        }
        audit.record(AuditEventType.USER_CREATED, admin, username, groups.isEmpty() ? "no groups" : "groups: " + String.join(", ", groups));
        return new Created(user, invite(user, admin, false));
    }

    /** A new account, and whether its invitation could be mailed (not without {@code mfa.public-url}). */
    public record Created(UserAccount user, boolean invitationSent) {
    }

    /** Issues the invitation token and mails its link; false when no link can be built. */
    private boolean invite(UserAccount user, String admin, boolean again) {
        return invitations.send(user, admin, again);
    }

    /** One address, nothing around it (no display name, no list), within RFC 5321's length. */
    static String validEmail(String typed) {
        String email = typed == null ? "" : typed.strip();
        try {
            InternetAddress address = new InternetAddress(email, true);
            address.validate();
            if (email.length() > MAX_EMAIL_LENGTH || !email.equals(address.getAddress()) || !email.contains("@")) {
                throw new AddressException(email);
            }
            return email;
        } catch (AddressException invalid) {
            throw new AccountChangeRefused(AccountChangeRefused.Field.EMAIL, "admin.new-user.email.invalid");
        }
    }

    /** Group names as typed, without surrounding spaces; no commas, no controls, at most {@value #MAX_GROUP_LENGTH} characters. */
    static Set<String> validGroups(Set<String> typed) {
        Set<String> groups = new TreeSet<>();
        for (String group : typed == null ? Set.<String>of() : typed) {
            String name = group == null ? "" : group.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.length() > MAX_GROUP_LENGTH || name.contains(",") || name.codePoints().anyMatch(Character::isISOControl)) {
                throw new AccountChangeRefused(AccountChangeRefused.Field.GROUPS, "admin.user.groups.invalid");
            }
            groups.add(name);
        }
        return groups;
    }

    /** Every group a user is in or a policy names, in name order: what the admin picks from. */
    public List<String> knownGroups() {
        Set<String> known = new TreeSet<>(em.createQuery("select distinct g from UserAccount u join u.groups g", String.class).getResultList());
        policies.policies().stream().map(rule -> rule.group()).filter(java.util.Objects::nonNull).forEach(known::add);
        return List.copyOf(known);
    }

    /**
     * Replaces the user's groups. The user's sessions end (their roles were fixed at sign-in), trusted browsers stay.
     *
     * @throws AccountChangeRefused when a group name is invalid, or an admin would remove their own admin role
     */
    public void changeGroups(UserAccount user, Set<String> groups, String admin) {
        Set<String> after = validGroups(groups);
        UserAccount managed = em.find(UserAccount.class, user.getId());
        Set<String> before = new TreeSet<>(managed.getGroups());
        if (before.equals(after)) {
            return;
        }
        if (managed.getUsername().equals(admin) && before.contains(UserAccount.ADMIN_GROUP) && !after.contains(UserAccount.ADMIN_GROUP)) {
            throw new AccountChangeRefused(AccountChangeRefused.Field.GROUPS, "admin.user.groups.own-admin");
        }
        managed.replaceGroups(after);
        accessRevoked.fire(new AccountAccessRevoked(managed, AccountAccessRevoked.Reason.SIGNED_OUT_ELSEWHERE, null, admin));
        audit.record(AuditEventType.GROUPS_CHANGED, admin, managed.getUsername(), "before: " + groupList(before) + "; after: " + groupList(after));
        notices.fire(SecurityNotice.byAdmin(managed, SecurityNotice.Kind.GROUPS_CHANGED, groupList(after), admin));
    }

    private static String groupList(Set<String> groups) {
        return groups.isEmpty() ? "-" : String.join(", ", groups);
    }

    /**
     * Disables the account: no sign-in by password or passkey, and {@link AccountAccessRevoked} ends its sessions,
     * pending sign-ins and trusted browsers on every node.
     *
     * @throws AccountChangeRefused when an admin would disable their own account
     */
    public void disable(UserAccount user, String admin) {
        UserAccount managed = em.find(UserAccount.class, user.getId());
        if (managed.getUsername().equals(admin)) {
            throw new AccountChangeRefused(null, "admin.user.disable.own");
        }
        if (!managed.isEnabled()) {
            return;
        }
        managed.disable(clock.instant(), admin);
        // enabling the account later must not revive an old link
        invitations.cancel(managed, admin);
        accessRevoked.fire(new AccountAccessRevoked(managed, AccountAccessRevoked.Reason.ACCOUNT_DISABLED, null, admin));
        audit.record(AuditEventType.ACCOUNT_DISABLED, admin, managed.getUsername(), null);
        notices.fire(SecurityNotice.byAdmin(managed, SecurityNotice.Kind.ACCOUNT_DISABLED, null, admin));
    }

    public void enable(UserAccount user, String admin) {
        UserAccount managed = em.find(UserAccount.class, user.getId());
        if (managed.isEnabled()) {
            return;
        }
        managed.enable();
        audit.record(AuditEventType.ACCOUNT_ENABLED, admin, managed.getUsername(), null);
        notices.fire(SecurityNotice.byAdmin(managed, SecurityNotice.Kind.ACCOUNT_ENABLED, null, admin));
    }

    /** The pending invitation of an account still without password: when it was sent and until when it works. */
    public Optional<InvitationService.Pending> pendingInvitation(UserAccount user) {
        return invitations.pending(user);
    }

    /**
     * Mails a new invitation link; the previous one stops working.
     *
     * @return false when no link can be built ({@code mfa.public-url} not set)
     * @throws AccountChangeRefused when the account has a password already, is disabled or has no e-mail address
     */
    public boolean resendInvitation(UserAccount user, String admin) {
        UserAccount managed = em.find(UserAccount.class, user.getId());
        if (!managed.isAwaitingInvitation() || !managed.isEnabled()) {
            throw new AccountChangeRefused(null, "admin.user.invitation.expired");
        }
        if (managed.getEmail() == null || managed.getEmail().isBlank()) {
            throw new AccountChangeRefused(null, "admin.user.invitation.no-email");
        }
        return invite(managed, admin, true);
    }

    /** Ends the pending invitation: its link stops working; the account stays, without a password. */
    public void cancelInvitation(UserAccount user, String admin) {
        invitations.cancel(em.find(UserAccount.class, user.getId()), admin);
    }
}
