package org.mfaportal.admin;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.auth.LockoutService;
import org.mfaportal.auth.TrustedBrowserService;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.mfa.recovery.RecoveryCodeService;

/** What IT admins do to users' accounts: find them (paged in the database), unlock, reset MFA, revoke trust. */
@Stateless
public class AdminUserService {

    @PersistenceContext
    EntityManager em;

    @Inject
    LockoutService lockout;

    @Inject
    MfaService mfa;

    @Inject
    RecoveryCodeService recoveryCodes;

    @Inject
    TrustedBrowserService trustedBrowsers;

    @Inject
    AuditService audit;

    /** One page of users matching the query, filtered, sorted and paged by the database. */
    public List<UserRow> find(UserQuery query, int first, int pageSize) {
        TypedQuery<UserRow> select = em.createQuery("select new org.mfaportal.admin.UserRow(u.id, u.username, u.displayName, u.lockedAt, u.createdAt,"
                + " (select count(a) from Authenticator a where a.user = u)) from UserAccount u" + where(query)
                + " order by u." + query.sortField() + (query.ascending() ? " asc" : " desc") + ", u.id", UserRow.class);
        bind(select, query);
        List<UserRow> page = select.setFirstResult(first).setMaxResults(pageSize).getResultList();
        return withGroups(page);
    }

    public long count(UserQuery query) {
        TypedQuery<Long> count = em.createQuery("select count(u) from UserAccount u" + where(query), Long.class);
        bind(count, query);
        return count.getSingleResult();
    }

    private static String where(UserQuery query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" and (u.username like :text or lower(u.displayName) like :text)");
        }
        if (query.group() != null && !query.group().isBlank()) {
            where.append(" and :group member of u.groups");
        }
        switch (query.enrolment()) {
            case ENROLLED -> where.append(" and exists (select a from Authenticator a where a.user = u)");
            case NOT_ENROLLED -> where.append(" and not exists (select a from Authenticator a where a.user = u)");
            case LOCKED -> where.append(" and u.lockedAt is not null");
            case ANY -> { }
        }
        return where.toString();
    }

    private static void bind(TypedQuery<?> typed, UserQuery query) {
        if (query.text() != null && !query.text().isBlank()) {
            typed.setParameter("text", "%" + escapeLike(query.text().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.group() != null && !query.group().isBlank()) {
            typed.setParameter("group", query.group().strip());
        }
    }

    /** Typed wildcards are searched for literally; the default LIKE escape is the backslash in H2 and PostgreSQL. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private List<UserRow> withGroups(List<UserRow> page) {
        if (page.isEmpty()) {
            return page;
        }
        Map<Long, List<String>> groups = new HashMap<>();
        em.createQuery("select u.id, g from UserAccount u join u.groups g where u.id in :ids order by g", Object[].class)
                .setParameter("ids", page.stream().map(UserRow::id).toList())
                .getResultList()
                .forEach(row -> groups.computeIfAbsent((Long) row[0], id -> new java.util.ArrayList<>()).add((String) row[1]));
        return page.stream().map(row -> row.withGroups(String.join(", ", groups.getOrDefault(row.id(), List.of())))).collect(Collectors.toList());
    }

    public Optional<UserAccount> user(long id) {
        return Optional.ofNullable(em.find(UserAccount.class, id));
    }

    public void unlock(UserAccount user, String admin) {
        lockout.unlock(user, admin);
    }

    /** Removes every factor, the recovery codes and the trusted browsers: the user enrols again. */
    public void resetMfa(UserAccount user, String admin) {
        for (Authenticator factor : mfa.authenticators(user)) {
            em.remove(em.merge(factor));
        }
        em.flush();
        recoveryCodes.deleteRecoveryCodes(user);
        trustedBrowsers.revokeAll(user, "MFA reset by an admin");
        audit.record(AuditEventType.MFA_RESET, admin, user.getUsername(), null);
    }

    public void revokeTrustedBrowsers(UserAccount user, String admin) {
        trustedBrowsers.revokeAll(user, "revoked by admin " + admin);
    }
}
