package org.mfaportal.account;

/** What the company directory said about a directory account the last time the portal asked. */
public enum DirectoryStatus {
    ACTIVE,
    /** The entry is disabled (Active Directory's ACCOUNTDISABLE flag, or the configured "disabled" filter matched). */
    DISABLED,
    /** The entry is gone, or the username now belongs to another entry. */
    REMOVED
}
