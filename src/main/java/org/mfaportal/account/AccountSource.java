package org.mfaportal.account;

/** Where an account's password is kept, and so who may change it. */
public enum AccountSource {
    /** The portal's own table: the password hash is local (or not chosen yet). */
    LOCAL,
    /** The company directory (LDAP / Active Directory): the directory checks the password and owns name, e-mail and groups. */
    DIRECTORY,
    /** Created at a first sign-in through the company's OpenID Connect provider: no password; the provider owns groups. */
    OIDC_PROVIDER
}
