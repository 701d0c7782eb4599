package org.mfaportal.directory;

import java.util.List;

/**
 * A user's entry as the directory has it.
 *
 * @param externalId the stable key the local record is tied to (entryUUID, objectGUID in Base64, or the normalised DN)
 * @param memberOf the group DNs of the user's memberOf attribute (empty when groups are searched instead)
 * @param disabled Active Directory's ACCOUNTDISABLE flag (userAccountControl bit 0x2) is set
 */
public record DirectoryEntry(String dn, String externalId, String displayName, String email, List<String> memberOf, boolean disabled) {

    public DirectoryEntry {
        memberOf = List.copyOf(memberOf);
    }
}
