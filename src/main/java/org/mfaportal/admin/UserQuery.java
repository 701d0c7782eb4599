package org.mfaportal.admin;

import java.io.Serializable;
import java.util.Set;

/**
 * The admin's filter and sort for the user list; blank filters mean "any".
 *
 * @param sortField one of username, displayName, createdAt
 */
public record UserQuery(String text, String group, EnrolmentFilter enrolment, String sortField, boolean ascending) implements Serializable {

    public enum EnrolmentFilter {
        ANY, ENROLLED, NOT_ENROLLED, LOCKED
    }

    static final Set<String> SORTABLE = Set.of("username", "displayName", "createdAt");

    public UserQuery {
        enrolment = enrolment == null ? EnrolmentFilter.ANY : enrolment;
        sortField = sortField != null && SORTABLE.contains(sortField) ? sortField : "username";
    }
}
