package org.mfaportal.mfa.totp;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.mfaportal.account.UserAccount;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.crypto.SecretKeyring;
import org.mfaportal.mfa.Authenticator;
import org.mfaportal.mfa.AuthenticatorType;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.web.Messages;

/** Authenticator apps: enrolment by QR code, verification with replay protection. */
@Stateless
public class TotpService {

    /** RFC 4226 §4 asks for at least 128 bits and recommends 160: the length of an HMAC-SHA1 key. */
    static final int SECRET_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Pixels per QR module: about 250 px for an otpauth URI, sharp for phone cameras. */
    private static final int QR_MODULE_PIXELS = 5;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PortalConfig config;

    @Inject
    SecretKeyring keyring;

    @Inject
    MfaService mfa;

    @Inject
    AuditService audit;

    public TotpEnrolment startEnrolment(UserAccount user) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        Totp totp = config.totpForNewEnrolments();
        String keyUri = OtpAuthUri.of(config.totpIssuer(), user.getUsername(), secret, totp);
        return new TotpEnrolment(secret, totp, keyUri, QrCodeImage.pngDataUrl(keyUri, QR_MODULE_PIXELS));
    }

    /**
     * Stores the app once the user proves it works with one valid code. Returns the recovery codes generated with
     * the user's first factor (empty when they already had some), or empty when the code is wrong.
     *
     * @throws IllegalStateException when the user already has an authenticator app
     */
    public Optional<List<String>> confirmEnrolment(UserAccount user, TotpEnrolment enrolment, String code) {
        if (!mfa.authenticators(user, AuthenticatorType.TOTP).isEmpty()) {
            throw new IllegalStateException("An authenticator app is already set up");
        }
        OptionalLong step = enrolment.totp().matchingTimeStep(enrolment.secret(), code, clock.instant(), config.totpTolerance(), Long.MIN_VALUE);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        String sealed = keyring.cipher().encrypt(enrolment.secret(), associatedData(user));
        Authenticator app = Authenticator.totp(em.getReference(UserAccount.class, user.getId()), Messages.text(Locale.ENGLISH, "overview.kind.app"), sealed,
                enrolment.totp(), step.getAsLong(), clock.instant());
        return Optional.of(mfa.addAuthenticator(user, app));
    }

    /**
     * True when the code belongs to the user's app and is newer than every code accepted before. The step is claimed
     * with a conditional update, so two concurrent requests with one code cannot both succeed.
     */
    public boolean verify(UserAccount user, String code) {
        for (Authenticator app : mfa.authenticators(user, AuthenticatorType.TOTP)) {
            byte[] secret = keyring.cipher().decrypt(app.getTotpSealedSecret(), associatedData(user));
            OptionalLong step = app.getTotp().matchingTimeStep(secret, code, clock.instant(), config.totpTolerance(), app.getTotpLastUsedStep());
            if (step.isPresent() && claimStep(app, step.getAsLong())) {
                return true;
            }
        }
        return false;
    }

    private boolean claimStep(Authenticator app, long step) {
        return em.createNamedQuery(Authenticator.ACCEPT_TOTP_STEP)
                .setParameter("step", step)
                .setParameter("now", clock.instant())
                .setParameter("id", app.getId())
                .executeUpdate() == 1;
    }

    /** Binds a sealed secret to its owner: copied into another user's row, it no longer opens. */
    static String associatedData(UserAccount user) {
        return "totp:user:" + user.getId();
    }
}
