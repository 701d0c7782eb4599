package org.mfaportal.mfa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import org.mfaportal.account.UserAccount;
import org.mfaportal.mfa.totp.HmacAlgorithm;
import org.mfaportal.mfa.totp.Totp;
import org.mfaportal.policy.EnrolledFactor;
import org.mfaportal.policy.FactorKind;

/** One enrolled second factor of a user. */
@Entity
@Table(name = "authenticator")
@NamedQuery(name = Authenticator.OF_USER, query = "select a from Authenticator a where a.user.id = :userId order by a.createdAt, a.id")
@NamedQuery(name = Authenticator.OF_USER_AND_TYPE,
        query = "select a from Authenticator a where a.user.id = :userId and a.type = :type order by a.createdAt, a.id")
@NamedQuery(name = Authenticator.COUNT_OF_USER, query = "select count(a) from Authenticator a where a.user.id = :userId")
@NamedQuery(name = Authenticator.ACCEPT_TOTP_STEP, query = """
        update Authenticator a set a.totpLastUsedStep = :step, a.lastUsedAt = :now
        where a.id = :id and (a.totpLastUsedStep is null or a.totpLastUsedStep < :step)""")
@NamedQuery(name = Authenticator.BY_WEBAUTHN_CREDENTIAL_ID,
        query = "select a from Authenticator a join fetch a.user where a.webAuthnCredentialId = :credentialId")
@NamedQuery(name = Authenticator.ACCEPT_WEBAUTHN_SIGN_COUNT, query = """
        update Authenticator a set a.webAuthnSignCount = :signCount, a.lastUsedAt = :now
        where a.id = :id and a.webAuthnSignCount = :previousSignCount""")
@NamedQuery(name = Authenticator.RENAME, query = "update Authenticator a set a.name = :name where a.id = :id and a.user.id = :userId")
public class Authenticator {

    public static final String OF_USER = "Authenticator.ofUser";
    public static final String OF_USER_AND_TYPE = "Authenticator.ofUserAndType";
    public static final String COUNT_OF_USER = "Authenticator.countOfUser";
    public static final String ACCEPT_TOTP_STEP = "Authenticator.acceptTotpStep";
    public static final String BY_WEBAUTHN_CREDENTIAL_ID = "Authenticator.byWebAuthnCredentialId";
    public static final String ACCEPT_WEBAUTHN_SIGN_COUNT = "Authenticator.acceptWebAuthnSignCount";
    public static final String RENAME = "Authenticator.rename";
    public static final int MAX_NAME_LENGTH = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private UserAccount user;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private AuthenticatorType type;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "totp_secret")
    private String totpSealedSecret;

    @Enumerated(EnumType.STRING)
    @Column(name = "totp_algorithm", length = 10)
    private HmacAlgorithm totpAlgorithm;

    @Column(name = "totp_digits")
    private Integer totpDigits;

    @Column(name = "totp_period")
    private Integer totpPeriodSeconds;

    @Column(name = "totp_last_used_step")
    private Long totpLastUsedStep;

    @Column(name = "webauthn_credential_id", unique = true, length = 1400)
    private String webAuthnCredentialId;

    @Column(name = "webauthn_credential_data", length = 4000)
    private String webAuthnCredentialData;

    @Column(name = "webauthn_aaguid", length = 36)
    private String webAuthnAaguid;

    @Column(name = "webauthn_sign_count")
    private Long webAuthnSignCount;

    @Column(name = "webauthn_transports", length = 200)
    private String webAuthnTransports;

    @Column(name = "webauthn_uv_initialized")
    private Boolean webAuthnUvInitialized;

    @Column(name = "webauthn_backup_eligible")
    private Boolean webAuthnBackupEligible;

    @Column(name = "webauthn_backup_state")
    private Boolean webAuthnBackupState;

    @Column(name = "webauthn_discoverable")
    private Boolean webAuthnDiscoverable;

    @Column(name = "webauthn_attestation_format", length = 32)
    private String webAuthnAttestationFormat;

    @Column(name = "webauthn_attestation_verified")
    private Boolean webAuthnAttestationVerified;

    protected Authenticator() {
        // for JPA
    }

    /** An authenticator app whose first code was accepted at {@code acceptedStep}, which can never be used again. */
    public static Authenticator totp(UserAccount user, String name, String sealedSecret, Totp totp, long acceptedStep, Instant now) {
        Authenticator authenticator = new Authenticator();
        authenticator.user = user;
        authenticator.type = AuthenticatorType.TOTP;
        authenticator.name = name;
        authenticator.createdAt = now;
        authenticator.lastUsedAt = now;
        authenticator.totpSealedSecret = sealedSecret;
        authenticator.totpAlgorithm = totp.algorithm();
        authenticator.totpDigits = totp.digits();
        authenticator.totpPeriodSeconds = totp.periodSeconds();
        authenticator.totpLastUsedStep = acceptedStep;
        return authenticator;
    }

    /**
     * A security key or passkey whose registration was verified, with how it proved its model.
     *
     * @param attestationFormat the attestation statement's format ("packed", "none", ...)
     * @param attestationVerified whether an attestation certificate verified (see WebAuthnService)
     */
    public static Authenticator webAuthn(UserAccount user, String name, WebAuthnCredential credential, String attestationFormat,
            boolean attestationVerified, Instant now) {
        Authenticator authenticator = webAuthn(user, name, credential, now);
        authenticator.webAuthnAttestationFormat = attestationFormat;
        authenticator.webAuthnAttestationVerified = attestationVerified;
        return authenticator;
    }

    /** A security key or passkey whose registration was verified; how it proved its model is unknown. */
    public static Authenticator webAuthn(UserAccount user, String name, WebAuthnCredential credential, Instant now) {
        Authenticator authenticator = new Authenticator();
        authenticator.user = user;
        authenticator.type = AuthenticatorType.WEBAUTHN;
        authenticator.name = name;
        authenticator.createdAt = now;
        authenticator.webAuthnCredentialId = credential.credentialId();
        authenticator.webAuthnCredentialData = credential.attestedCredentialData();
        authenticator.webAuthnAaguid = credential.aaguid();
        authenticator.webAuthnSignCount = credential.signCount();
        authenticator.webAuthnTransports = credential.transports();
        authenticator.webAuthnUvInitialized = credential.userVerified();
        authenticator.webAuthnBackupEligible = credential.backupEligible();
        authenticator.webAuthnBackupState = credential.backedUp();
        authenticator.webAuthnDiscoverable = credential.discoverable();
        return authenticator;
    }

    /** The stored WebAuthn credential record; null for other kinds of factor. */
    public WebAuthnCredential getWebAuthnCredential() {
        if (type != AuthenticatorType.WEBAUTHN) {
            return null;
        }
        return new WebAuthnCredential(webAuthnCredentialId, webAuthnCredentialData, webAuthnAaguid, webAuthnSignCount,
                webAuthnTransports, Boolean.TRUE.equals(webAuthnUvInitialized), Boolean.TRUE.equals(webAuthnBackupEligible),
                Boolean.TRUE.equals(webAuthnBackupState), Boolean.TRUE.equals(webAuthnDiscoverable));
    }

    /** The attestation format the key registered with; null when unknown (registered before it was recorded). */
    public String getWebAuthnAttestationFormat() {
        return webAuthnAttestationFormat;
    }

    /** Whether the key proved its model with a verified attestation certificate; null when unknown. */
    public Boolean getWebAuthnAttestationVerified() {
        return webAuthnAttestationVerified;
    }

    public boolean isPasskey() {
        return type == AuthenticatorType.WEBAUTHN && Boolean.TRUE.equals(webAuthnDiscoverable);
    }

    /** The kind of factor a policy sees in this one. */
    public FactorKind kind() {
        return type == AuthenticatorType.TOTP ? FactorKind.TOTP : isPasskey() ? FactorKind.PASSKEY : FactorKind.SECURITY_KEY;
    }

    /** What a policy judges of this factor: its kind and, for a key, its model and attestation. */
    public EnrolledFactor asEnrolledFactor() {
        return type == AuthenticatorType.WEBAUTHN ? EnrolledFactor.ofKey(kind(), webAuthnAaguid, webAuthnAttestationVerified) : EnrolledFactor.ofKind(kind());
    }

    public Long getId() {
        return id;
    }

    public UserAccount getUser() {
        return user;
    }

    public AuthenticatorType getType() {
        return type;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public String getTotpSealedSecret() {
        return totpSealedSecret;
    }

    /** The parameters this app was enrolled with; later configuration changes do not break it. */
    public Totp getTotp() {
        return new Totp(totpAlgorithm, totpDigits, totpPeriodSeconds);
    }

    public long getTotpLastUsedStep() {
        return totpLastUsedStep == null ? Long.MIN_VALUE : totpLastUsedStep;
    }
}
