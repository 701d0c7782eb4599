package org.mfaportal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UserQueryTest {

    @Test
    void onlyKnownColumnsAreSortedByAndUsernameIsTheDefault() {
        assertEquals("username", new UserQuery(null, null, null, null, true).sortField());
        assertEquals("username", new UserQuery(null, null, null, "passwordHash", true).sortField());
        assertEquals("username", new UserQuery(null, null, null, "u.id; drop table user_account", true).sortField());
        assertEquals("createdAt", new UserQuery(null, null, null, "createdAt", false).sortField());
    }

    @Test
    void missingEnrolmentFilterMeansAny() {
        assertEquals(UserQuery.EnrolmentFilter.ANY, new UserQuery(null, null, null, null, true).enrolment());
    }
}
