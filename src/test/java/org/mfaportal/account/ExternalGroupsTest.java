package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExternalGroupsTest {

    @Test
    void directoryGroupsKeepTheirNames() {
        assertEquals(Set.of("Finance", "engineering"), ExternalGroups.portalGroups(Set.of("Finance", " engineering "), List.of()));
    }

    @Test
    void onlyConfiguredAdminGroupsGiveTheAdminGroup() {
        assertEquals(Set.of("admin", "IT Admins"), ExternalGroups.portalGroups(Set.of("IT Admins"), List.of("it admins")));
        assertEquals(Set.of("staff"), ExternalGroups.portalGroups(Set.of("admin", "Admin", "staff"), List.of("it admins")),
                "a directory group that happens to be called admin is not the portal's admin group");
        assertEquals(Set.of("admin"), ExternalGroups.portalGroups(Set.of("Admin"), List.of("admin")), "unless it is configured as one");
    }

    @Test
    void blankAndOverlongNamesAreSkipped() {
        assertEquals(Set.of("ok"), ExternalGroups.portalGroups(Set.of("ok", " ", "g".repeat(101)), List.of()));
    }
}
