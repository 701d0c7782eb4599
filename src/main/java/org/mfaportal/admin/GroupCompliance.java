package org.mfaportal.admin;

import java.io.Serializable;

/**
 * How one group (or everyone, {@code group} null) stands with MFA: users per enrolment state. A user in several
 * groups counts in each.
 */
public record GroupCompliance(String group, long enrolled, long inGrace, long overdue, long exempt, long notRequired) implements Serializable {

    public long total() {
        return enrolled + inGrace + overdue + exempt + notRequired;
    }

    /**
     * Share of the users who must use MFA (or already do) that have an allowed factor, in whole percent; null when
     * nobody in the group must, where a share means nothing (100 % would claim a success that did not happen).
     */
    public Integer enrolledPercent() {
        long concerned = enrolled + inGrace + overdue;
        return concerned == 0 ? null : (int) (enrolled * 100 / concerned);
    }
}
