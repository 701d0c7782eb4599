package org.mfaportal.account;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Group names from outside (the company directory, the identity provider's groups claim) become the user's portal
 * groups, as spelled there (policies name them so). Only the configured admin groups give the portal's
 * {@value UserAccount#ADMIN_GROUP} group: an outside group that happens to be called "admin" does not.
 */
public final class ExternalGroups {

    /** Longer names do not fit the group column; no policy can name them either. */
    static final int MAX_GROUP_NAME_LENGTH = 100;

    private ExternalGroups() {
    }

    public static Set<String> portalGroups(Set<String> externalGroups, List<String> adminGroups) {
        Set<String> admins = adminGroups.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> groups = new TreeSet<>();
        for (String name : externalGroups) {
            String group = name.strip();
            if (group.isEmpty() || group.length() > MAX_GROUP_NAME_LENGTH) {
                continue;
            }
            if (admins.contains(group.toLowerCase(Locale.ROOT))) {
                groups.add(UserAccount.ADMIN_GROUP);
            }
            if (!group.equalsIgnoreCase(UserAccount.ADMIN_GROUP)) {
                groups.add(group);
            }
        }
        return groups;
    }
}
