package org.mfaportal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GroupComplianceTest {

    @Test
    void shareCountsOnlyUsersWhoMustUseMfa() {
        assertEquals(50, new GroupCompliance("sales", 2, 1, 1, 5, 7).enrolledPercent());
    }

    @Test
    void aGroupWhereNobodyMustHasNoShareRatherThanAHundredPercent() {
        assertNull(new GroupCompliance("sales", 0, 0, 0, 2, 7).enrolledPercent());
    }
}
