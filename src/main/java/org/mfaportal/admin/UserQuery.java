package org.mfaportal.admin;

import java.io.Serializable;
import java.util.Optional;
import java.util.Set;
import org.mfaportal.policy.EnrolmentState;

/**
 * The admin's filter and sort for the user list; blank filters mean "any".
 *
 * @param sortField one of username, displayName, createdAt
 * @param source where the accounts come from: the portal's own, the company directory, or any
 */
public record UserQuery(String text, String group, EnrolmentFilter enrolment, SourceFilter source, String sortField, boolean ascending)
        implements Serializable {

    /** Which accounts: any, the portal's own, or the company directory's. */
    public enum SourceFilter {
        ANY, LOCAL, DIRECTORY, OIDC_PROVIDER
    }

    /** The enrolment states of {@link EnrolmentState.Kind}, plus "any", "locked" and "disabled" (independent of them). */
    public enum EnrolmentFilter {
        ANY(null), ENROLLED(EnrolmentState.Kind.ENROLLED), IN_GRACE(EnrolmentState.Kind.IN_GRACE), OVERDUE(EnrolmentState.Kind.OVERDUE),
        EXEMPT(EnrolmentState.Kind.EXEMPT), NOT_REQUIRED(EnrolmentState.Kind.NOT_REQUIRED), LOCKED(null),
        DISABLED(null);

        private final EnrolmentState.Kind state;

        EnrolmentFilter(EnrolmentState.Kind state) {
            this.state = state;
        }

        public Optional<EnrolmentState.Kind> state() {
            return Optional.ofNullable(state);
        }
    }

    static final Set<String> SORTABLE = Set.of("username", "displayName", "createdAt");

    public UserQuery {
        enrolment = enrolment == null ? EnrolmentFilter.ANY : enrolment;
        source = source == null ? SourceFilter.ANY : source;
        sortField = sortField != null && SORTABLE.contains(sortField) ? sortField : "username";
    }

    /** Accounts of any source. */
    public UserQuery(String text, String group, EnrolmentFilter enrolment, String sortField, boolean ascending) {
        this(text, group, enrolment, SourceFilter.ANY, sortField, ascending);
    }

    public static UserQuery all() {
        return new UserQuery(null, null, EnrolmentFilter.ANY, null, true);
    }
}
