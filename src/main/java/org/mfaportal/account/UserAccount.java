package org.mfaportal.account;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** A member of staff who may sign in to the portal. */
@Entity
@Table(name = "user_account")
@NamedQuery(name = UserAccount.BY_USERNAME, query = "select u from UserAccount u where u.username = :username")
@NamedQuery(name = UserAccount.BY_EMAIL, query = "select u from UserAccount u where lower(u.email) = :email order by u.id")
@NamedQuery(name = UserAccount.REPLACE_PASSWORD_HASH, query = """
        update UserAccount u set u.passwordHash = :newHash where u.id = :id and u.passwordHash = :oldHash""")
@NamedQuery(name = UserAccount.BY_WEBAUTHN_USER_HANDLE, query = "select u from UserAccount u where u.webAuthnUserHandle = :handle")
@NamedQuery(name = UserAccount.BY_EXTERNAL_ID, query = "select u from UserAccount u where u.source = :source and u.externalId = :externalId")
public class UserAccount {

    static final String BY_USERNAME = "UserAccount.byUsername";
    static final String BY_EMAIL = "UserAccount.byEmail";
    static final String REPLACE_PASSWORD_HASH = "UserAccount.replacePasswordHash";
    public static final String BY_WEBAUTHN_USER_HANDLE = "UserAccount.byWebAuthnUserHandle";
    static final String BY_EXTERNAL_ID = "UserAccount.byExternalId";
    public static final int MAX_EXTERNAL_ID_LENGTH = 255;
    public static final int MAX_USERNAME_LENGTH = 100;
    public static final int MAX_EXEMPTION_REASON_LENGTH = 500;

    /** Members of this group get the {@code admin} role. */
    public static final String ADMIN_GROUP = "admin";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = MAX_USERNAME_LENGTH)
    private String username;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(length = 254)
    private String email;

    /** Null while the account has no local password (a directory user, or an invitation not yet accepted). */
    @Column(name = "password_hash")
    private String passwordHash;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_group", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "group_name", length = 100)
    private Set<String> groups = new TreeSet<>();

    @Column(name = "webauthn_user_handle", unique = true, length = 64)
    private String webAuthnUserHandle;

    @Column(name = "second_factor_failures", nullable = false)
    private int secondFactorFailures;

    @Column(name = "locked_at")
    private Instant lockedAt;

    @Column(name = "mfa_required_since")
    private Instant mfaRequiredSince;

    @Column(name = "mfa_exempt_until")
    private Instant mfaExemptUntil;

    @Column(name = "mfa_exempt_reason", length = MAX_EXEMPTION_REASON_LENGTH)
    private String mfaExemptReason;

    @Column(name = "mfa_exempted_by", length = MAX_USERNAME_LENGTH)
    private String mfaExemptedBy;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    @Column(name = "disabled_by", length = MAX_USERNAME_LENGTH)
    private String disabledBy;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Column(name = "must_enrol_factor", nullable = false)
    private boolean mustEnrolFactor;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AccountSource source = AccountSource.LOCAL;

    /** The directory's stable key for a directory account (entryUUID, objectGUID or the DN); null for local accounts. */
    @Column(name = "external_id", length = MAX_EXTERNAL_ID_LENGTH)
    private String externalId;

    @Column(name = "directory_refreshed_at")
    private Instant directoryRefreshedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "directory_status", length = 16)
    private DirectoryStatus directoryStatus;

    @Version
    private long version;

    protected UserAccount() {
        // for JPA
    }

    UserAccount(String username, String displayName, String email, String passwordHash, Set<String> groups, Instant createdAt) {
        this.username = normalizeUsername(username);
        this.displayName = displayName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.groups = new TreeSet<>(groups);
        this.enabled = true;
        this.createdAt = createdAt;
    }

    /** A directory user's local record: no local password; the directory proves the password and owns name, e-mail and groups. */
    static UserAccount fromDirectory(String username, String externalId, String displayName, String email, Set<String> groups, Instant now) {
        var account = new UserAccount(username, displayName, email, null, groups, now);
        account.source = AccountSource.DIRECTORY;
        account.externalId = externalId;
        account.directoryStatus = DirectoryStatus.ACTIVE;
        account.directoryRefreshedAt = now;
        return account;
    }

    /** What a username consists of once normalised: letters, digits and {@code . _ - @}, no spaces or controls. */
    private static final java.util.regex.Pattern USERNAME_CHARACTERS = java.util.regex.Pattern.compile("[\\p{L}\\p{N}._@-]+");

    /** Whether a normalised username may name a new account. */
    public static boolean isValidUsername(String normalized) {
        return normalized != null && !normalized.isEmpty() && normalized.length() <= MAX_USERNAME_LENGTH
                && USERNAME_CHARACTERS.matcher(normalized).matches();
    }

    /**
     * The one form usernames are stored and looked up in: NFKC, then lower case, so "Alice", "ALICE" and the
     * full-width "ａｌｉｃｅ" are one account.
     */
    public static String normalizeUsername(String username) {
        return username == null ? "" : Normalizer.normalize(username, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getEmail() {
        return email;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    /** Whether a password kept by the portal itself can sign this account in (and so be changed or reset here). */
    public boolean hasLocalPassword() {
        return passwordHash != null;
    }

    void replacePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Set<String> getGroups() {
        return Collections.unmodifiableSet(groups);
    }

    /** The random WebAuthn user handle (base64url), or null before the first security key. */
    public String getWebAuthnUserHandle() {
        return webAuthnUserHandle;
    }

    public void assignWebAuthnUserHandle(String handle) {
        if (webAuthnUserHandle != null) {
            throw new IllegalStateException("The WebAuthn user handle never changes once assigned");
        }
        webAuthnUserHandle = handle;
    }

    /** Set when too many consecutive second factors failed; only an admin clears it. */
    public Instant getLockedAt() {
        return lockedAt;
    }

    /** When MFA first became required for this user (the grace period counts from here); null before. */
    public Instant getMfaRequiredSince() {
        return mfaRequiredSince;
    }

    /** Until when an admin exempted the user from having to use MFA; null when never (or the exemption was ended). */
    public Instant getMfaExemptUntil() {
        return mfaExemptUntil;
    }

    public String getMfaExemptReason() {
        return mfaExemptReason;
    }

    public String getMfaExemptedBy() {
        return mfaExemptedBy;
    }

    public boolean isExemptAt(Instant now) {
        return mfaExemptUntil != null && mfaExemptUntil.isAfter(now);
    }

    public void exemptFromMfa(Instant until, String reason, String admin) {
        this.mfaExemptUntil = until;
        this.mfaExemptReason = reason;
        this.mfaExemptedBy = admin;
    }

    public void endMfaExemption() {
        exemptFromMfa(null, null, null);
    }

    public AccountSource getSource() {
        return source;
    }

    /** Created by an admin and waiting for the user to choose a password through the invitation (a local account). */
    public boolean isAwaitingInvitation() {
        return !hasLocalPassword() && source == AccountSource.LOCAL;
    }

    /** A record the identity provider's first sign-in created: the provider proves the person and owns the groups. */
    static UserAccount fromIdentityProvider(String username, String displayName, String email, Set<String> groups, Instant now) {
        var account = new UserAccount(username, displayName, email, null, groups, now);
        account.source = AccountSource.OIDC_PROVIDER;
        return account;
    }

    public boolean isFromIdentityProvider() {
        return source == AccountSource.OIDC_PROVIDER;
    }

    /** Takes over what the identity provider owns for the accounts it created: name, e-mail and groups. */
    void refreshFromIdentityProvider(String displayName, String email, Set<String> groups) {
        this.displayName = displayName;
        this.email = email;
        this.groups.clear();
        this.groups.addAll(groups);
    }

    public boolean isFromDirectory() {
        return source == AccountSource.DIRECTORY;
    }

    public String getExternalId() {
        return externalId;
    }

    /** When the directory last confirmed this account (a sign-in or a passkey check); null for local accounts. */
    public Instant getDirectoryRefreshedAt() {
        return directoryRefreshedAt;
    }

    /** What the directory said last; null for local accounts. */
    public DirectoryStatus getDirectoryStatus() {
        return directoryStatus;
    }

    /** Takes over what the directory owns; the factors, policy state and audit trail stay the portal's. */
    void refreshFromDirectory(String displayName, String email, Set<String> groups, Instant now) {
        this.displayName = displayName;
        this.email = email;
        this.groups.clear();
        this.groups.addAll(groups);
        this.directoryStatus = DirectoryStatus.ACTIVE;
        this.directoryRefreshedAt = now;
    }

    void markInDirectory(DirectoryStatus status, Instant now) {
        this.directoryStatus = status;
        this.directoryRefreshedAt = now;
    }

    public boolean isAdmin() {
        return groups.contains(ADMIN_GROUP);
    }

    /** When an admin disabled the account; null while it is enabled. */
    public Instant getDisabledAt() {
        return disabledAt;
    }

    public String getDisabledBy() {
        return disabledBy;
    }

    public void disable(Instant at, String admin) {
        enabled = false;
        disabledAt = at;
        disabledBy = admin;
    }

    public void enable() {
        enabled = true;
        disabledAt = null;
        disabledBy = null;
    }

    public void replaceGroups(Set<String> newGroups) {
        groups.clear();
        groups.addAll(newGroups);
    }

    /** The password was chosen by someone else (an operator's bootstrap password): the user must set their own first. */
    public boolean isMustChangePassword() {
        return mustChangePassword;
    }

    /** The user reaches nothing but factor setup until they have a factor, whatever their grace period says. */
    public boolean isMustEnrolFactor() {
        return mustEnrolFactor;
    }

    void requirePasswordChange() {
        mustChangePassword = true;
    }

    void requireFactorEnrolment() {
        mustEnrolFactor = true;
    }
}
