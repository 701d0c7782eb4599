package org.mfaportal.directory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to reach and read the company directory, as configured ({@code mfa.directory.*}, see the README). Plain data:
 * {@link DirectoryClient} needs no container.
 *
 * @param url {@code ldap://host:port} (StartTLS is always negotiated) or {@code ldaps://host:port}
 * @param userFilter {@code {0}} is the typed username, escaped per RFC 4515
 * @param idAttribute the entry's stable key: {@code entryUUID}, {@code objectGUID} (Active Directory) or {@code dn}
 * @param groupBase where groups are searched; empty: read the user's {@code memberOfAttribute} instead
 * @param groupFilter {@code {0}} is a member's DN, {@code {1}} the username, both escaped per RFC 4515
 * @param adminGroups directory groups whose members get the portal's {@code admin} group
 * @param disabledFilter entries it matches may not sign in (Active Directory's ACCOUNTDISABLE flag is always checked)
 */
public record DirectorySettings(String url, String bindDn, String bindPassword, String userBase, String userFilter,
        String displayNameAttribute, String emailAttribute, String idAttribute, Optional<String> groupBase, String groupFilter,
        String groupNameAttribute, String memberOfAttribute, boolean nestedGroups, List<String> adminGroups,
        Optional<String> disabledFilter, Optional<String> trustStore, Optional<String> trustStorePassword, String trustStoreType,
        Duration connectTimeout, Duration readTimeout) {

    /** The attribute name that means "use the entry's DN as its key". */
    public static final String DN = "dn";

    public DirectorySettings {
        adminGroups = List.copyOf(adminGroups);
    }

    @Override
    public String toString() {
        // never the bind password
        return "DirectorySettings[" + url + ", bind " + bindDn + ", users under " + userBase + "]";
    }
}
