package org.mfaportal.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mfaportal.crypto.Argon2idPasswordHash;
import org.mfaportal.crypto.PasswordHashAlgorithm;
import jakarta.servlet.http.HttpServletRequest;
import org.mfaportal.directory.DirectorySettings;
import org.mfaportal.mfa.totp.HmacAlgorithm;
import org.mfaportal.mfa.webauthn.RelyingParty;
import org.mfaportal.mfa.totp.Totp;

/**
 * The one typed view of the portal's MicroProfile Config keys. Defaults live in
 * {@code META-INF/microprofile-config.properties}; system properties and environment variables
 * ({@code MFA_DEV_MODE} for {@code mfa.dev-mode}) override them.
 */
@ApplicationScoped
public class PortalConfig {

    @Inject
    @ConfigProperty(name = "mfa.dev-mode")
    boolean devMode;

    @Inject
    @ConfigProperty(name = "mfa.password.iterations")
    int passwordIterations;

    @Inject
    @ConfigProperty(name = "mfa.password.algorithm")
    String passwordAlgorithm;

    @Inject
    @ConfigProperty(name = "mfa.password.argon2.memory-kib")
    int argon2MemoryKib;

    @Inject
    @ConfigProperty(name = "mfa.password.argon2.iterations")
    int argon2Iterations;

    @Inject
    @ConfigProperty(name = "mfa.password.argon2.parallelism")
    int argon2Parallelism;

    @Inject
    @ConfigProperty(name = "mfa.secret-key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "mfa.totp.issuer")
    String totpIssuer;

    @Inject
    @ConfigProperty(name = "mfa.totp.algorithm")
    String totpAlgorithm;

    @Inject
    @ConfigProperty(name = "mfa.totp.digits")
    int totpDigits;

    @Inject
    @ConfigProperty(name = "mfa.totp.period")
    int totpPeriodSeconds;

    @Inject
    @ConfigProperty(name = "mfa.totp.tolerance")
    int totpTolerance;

    @Inject
    @ConfigProperty(name = "mfa.login.pending-timeout")
    Duration pendingLoginTimeout;

    @Inject
    @ConfigProperty(name = "mfa.login.max-second-factor-attempts")
    int maxSecondFactorAttempts;

    @Inject
    @ConfigProperty(name = "mfa.lockout.max-failures")
    int maxSecondFactorFailures;

    @Inject
    @ConfigProperty(name = "mfa.audit.retention-days")
    int auditRetentionDays;

    @Inject
    @ConfigProperty(name = "mfa.reauthentication.timeout")
    Duration reauthenticationTimeout;

    @Inject
    @ConfigProperty(name = "mfa.webauthn.rp-id")
    Optional<String> webAuthnRpId;

    @Inject
    @ConfigProperty(name = "mfa.webauthn.rp-name")
    String webAuthnRpName;

    @Inject
    @ConfigProperty(name = "mfa.webauthn.origins")
    Optional<List<String>> webAuthnOrigins;

    @Inject
    @ConfigProperty(name = "mfa.webauthn.metadata-file")
    Optional<String> webAuthnMetadataFile;

    // --- passwords ---

    @Inject
    @ConfigProperty(name = "mfa.password.min-length")
    int passwordMinLength;

    @Inject
    @ConfigProperty(name = "mfa.password.reset-validity")
    Duration passwordResetValidity;

    @Inject
    @ConfigProperty(name = "mfa.invitation.validity")
    Duration invitationValidity;

    @Inject
    @ConfigProperty(name = "mfa.public-url")
    Optional<String> publicUrl;
    @Inject
    @ConfigProperty(name = "mfa.directory.url")
    Optional<String> directoryUrl;

    @Inject
    @ConfigProperty(name = "mfa.directory.bind-dn")
    Optional<String> directoryBindDn;

    @Inject
    @ConfigProperty(name = "mfa.directory.bind-password")
    Optional<String> directoryBindPassword;

    @Inject
    @ConfigProperty(name = "mfa.directory.user-base")
    Optional<String> directoryUserBase;

    @Inject
    @ConfigProperty(name = "mfa.directory.user-filter")
    String directoryUserFilter;

    @Inject
    @ConfigProperty(name = "mfa.directory.display-name-attribute")
    String directoryDisplayNameAttribute;

    @Inject
    @ConfigProperty(name = "mfa.directory.email-attribute")
    String directoryEmailAttribute;

    @Inject
    @ConfigProperty(name = "mfa.directory.id-attribute")
    String directoryIdAttribute;

    @Inject
    @ConfigProperty(name = "mfa.directory.group-base")
    Optional<String> directoryGroupBase;

    @Inject
    @ConfigProperty(name = "mfa.directory.group-filter")
    String directoryGroupFilter;

    @Inject
    @ConfigProperty(name = "mfa.directory.group-name-attribute")
    String directoryGroupNameAttribute;

    @Inject
    @ConfigProperty(name = "mfa.directory.member-of-attribute")
    String directoryMemberOfAttribute;

    @Inject
    @ConfigProperty(name = "mfa.directory.nested-groups")
    boolean directoryNestedGroups;

    @Inject
    @ConfigProperty(name = "mfa.directory.admin-groups")
    Optional<List<String>> directoryAdminGroups;

    @Inject
    @ConfigProperty(name = "mfa.directory.disabled-filter")
    Optional<String> directoryDisabledFilter;

    @Inject
    @ConfigProperty(name = "mfa.directory.trust-store")
    Optional<String> directoryTrustStore;

    @Inject
    @ConfigProperty(name = "mfa.directory.trust-store-password")
    Optional<String> directoryTrustStorePassword;

    @Inject
    @ConfigProperty(name = "mfa.directory.trust-store-type")
    String directoryTrustStoreType;

    @Inject
    @ConfigProperty(name = "mfa.directory.connect-timeout")
    Duration directoryConnectTimeout;

    @Inject
    @ConfigProperty(name = "mfa.directory.read-timeout")
    Duration directoryReadTimeout;

    @Inject
    @ConfigProperty(name = "mfa.directory.password-help-url")
    Optional<String> directoryPasswordHelpUrl;

    // --- accounts ---

    @Inject
    @ConfigProperty(name = "mfa.bootstrap-admin.username")
    Optional<String> bootstrapAdminUsername;

    @Inject
    @ConfigProperty(name = "mfa.bootstrap-admin.password")
    Optional<String> bootstrapAdminPassword;

    /** Dev mode seeds demo accounts and relaxes production-only requirements; never set it in production. */
    public boolean devMode() {
        return devMode;
    }

    public int passwordIterations() {
        return passwordIterations;
    }

    /** The hash new passwords get; stored hashes of the other kind still verify and are upgraded at sign-in. */
    public PasswordHashAlgorithm passwordAlgorithm() {
        return PasswordHashAlgorithm.fromConfigName(passwordAlgorithm);
    }

    public Argon2idPasswordHash.Cost argon2Cost() {
        return new Argon2idPasswordHash.Cost(argon2MemoryKib, argon2Iterations, argon2Parallelism);
    }

    /** The AES key (Base64, 32 bytes) that seals factor secrets at rest; empty when not configured. */
    public Optional<String> secretKey() {
        return secretKey.filter(key -> !key.isBlank());
    }

    public String totpIssuer() {
        return totpIssuer;
    }

    /** The parameters new authenticator apps are enrolled with; each enrolment keeps its own afterwards. */
    public Totp totpForNewEnrolments() {
        return new Totp(HmacAlgorithm.fromName(totpAlgorithm), totpDigits, totpPeriodSeconds);
    }

    /** Time steps accepted on either side of now, for clock drift and typing time. */
    public int totpTolerance() {
        return totpTolerance;
    }

    /** How long a sign-in may wait between password and second factor. */
    public Duration pendingLoginTimeout() {
        return pendingLoginTimeout;
    }

    /** Wrong second-factor codes that end a pending sign-in (the password must be entered again). */
    public int maxSecondFactorAttempts() {
        return maxSecondFactorAttempts;
    }

    /** The WebAuthn relying party: configured id and origins, or the host and origin of the request. */
    public RelyingParty relyingParty(HttpServletRequest request) {
        return RelyingParty.of(webAuthnRpId, webAuthnRpName, webAuthnOrigins, request);
    }

    /** FIDO metadata the operator provides: a folder of statements, one statement or an MDS3 BLOB. */
    public Optional<java.nio.file.Path> webAuthnMetadataFile() {
        return webAuthnMetadataFile.filter(path -> !path.isBlank()).map(java.nio.file.Path::of);
    }

    /** How long after an authentication the account's protection may be changed without confirming again. */
    public Duration reauthenticationTimeout() {
        return reauthenticationTimeout;
    }

    /** Consecutive wrong second factors that lock the account; never above NIST SP 800-63B's 100. */
    public int maxSecondFactorFailures() {
        return Math.min(Math.max(1, maxSecondFactorFailures), 100);
    }

    /** How long audit events are kept; empty: for ever. */
    public Optional<Duration> auditRetention() {
        return auditRetentionDays <= 0 ? Optional.empty() : Optional.of(Duration.ofDays(auditRetentionDays));
    }

    /** The shortest new password accepted (code points); never below NIST SP 800-63B-4's 8 for a single factor. */
    public int passwordMinLength() {
        return Math.max(8, passwordMinLength);
    }

    /** How long a password-reset link works. */
    public Duration passwordResetValidity() {
        return passwordResetValidity;
    }

    /** How long an invitation link works. */
    public Duration invitationValidity() {
        return invitationValidity;
    }

    /**
     * The portal's external base URL (scheme, host, port, context path; no trailing slash) that links in e-mails
     * start with; {@code http://localhost:8080} in dev mode when not set. Empty: no link can be mailed.
     */
    public Optional<String> publicUrl() {
        return publicUrl.map(String::strip).filter(url -> !url.isEmpty())
                .or(() -> devMode ? Optional.of("http://localhost:8080") : Optional.empty());
    }

    /**
     * Where directory users change their password (an intranet page), if the organisation has one; only a web address
     * is ever offered as a link.
     */
    public Optional<String> directoryPasswordHelpUrl() {
        return directoryPasswordHelpUrl.map(String::strip).filter(url -> url.startsWith("https://") || url.startsWith("http://"));
    }

    /** The first admin's username, to be created at deployment while no admin exists; empty when not set. */
    public Optional<String> bootstrapAdminUsername() {
        return bootstrapAdminUsername.filter(value -> !value.isBlank());
    }

    /** The first admin's one-time password (they must change it at first sign-in); empty when not set. */
    public Optional<String> bootstrapAdminPassword() {
        return bootstrapAdminPassword.filter(value -> !value.isEmpty());
    }

    /** The company directory's settings; empty when {@code mfa.directory.url} is not set (no directory). */
    public Optional<DirectorySettings> directory() {
        return directoryUrl.filter(url -> !url.isBlank()).map(url -> new DirectorySettings(url.strip(), directoryBindDn.orElse(""),
                directoryBindPassword.orElse(""), directoryUserBase.orElse(""), directoryUserFilter, directoryDisplayNameAttribute,
                directoryEmailAttribute, directoryIdAttribute, directoryGroupBase.filter(base -> !base.isBlank()), directoryGroupFilter,
                directoryGroupNameAttribute, directoryMemberOfAttribute, directoryNestedGroups, directoryAdminGroups.orElse(List.of()),
                directoryDisabledFilter.filter(filter -> !filter.isBlank()), directoryTrustStore.filter(path -> !path.isBlank()),
                directoryTrustStorePassword, directoryTrustStoreType, directoryConnectTimeout, directoryReadTimeout));
    }

    @Inject
    @ConfigProperty(name = "mfa.health.timeout")
    Duration healthTimeout;

    /** How long a health check may wait for the database before it answers DOWN (at least one second). */
    public Duration healthTimeout() {
        return healthTimeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : healthTimeout;
    }
}
