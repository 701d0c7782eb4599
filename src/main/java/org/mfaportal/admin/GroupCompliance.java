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

    /** Share of the users who must use MFA (or already do) that have an allowed factor, in whole percent. */
    public int enrolledPercent() {
        long concerned = enrolled + inGrace + overdue;
        return concerned == 0 ? 100 : (int) (enrolled * 100 / concerned);
    }
}
