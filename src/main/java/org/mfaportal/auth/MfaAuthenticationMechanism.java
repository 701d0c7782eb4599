package org.mfaportal.auth;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditService;
import org.mfaportal.audit.RequestOrigin;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.directory.DirectoryAccounts;
import org.mfaportal.directory.DirectoryUnavailableException;
import org.mfaportal.mfa.MfaService;
import org.mfaportal.oidc.OidcOutcome;
import org.mfaportal.oidc.OidcSignInService;
import org.mfaportal.policy.EnrolmentState;
import org.mfaportal.policy.FactorKind;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.mfa.webauthn.Ceremony;
import org.mfaportal.mfa.webauthn.WebAuthnRefusal;
import org.mfaportal.mfa.webauthn.WebAuthnService;
import org.mfaportal.web.SecurityHeadersFilter;

/**
 * The portal's only way in: the login state machine of docs/architecture.md.
 *
 * <pre>
 * ANONYMOUS   --protected page----------> redirect to /login (the page is remembered as the return path)
 * ANONYMOUS   --password ok, no factor--> AUTHENTICATED (policy requires MFA and grace is over: ENROLMENT_ONLY)
 * ANONYMOUS   --password ok, factor-----> PENDING_MFA (a PendingLogin row; its token in the session; the password
 *                                          form's own response is the second-factor page: no redirect, unless
 *                                          the form came without PrimeFaces' script)
 * ANONYMOUS   --password ok, trusted browser cookie valid--> AUTHENTICATED
 * ANONYMOUS   --passkey (user verified)-> AUTHENTICATED (counts as multi-factor)
 * ANONYMOUS   --identity provider ok, its MFA trusted and allowed by policy--> AUTHENTICATED
 * ANONYMOUS   --identity provider ok, otherwise--> as after a password (trusted browser, PENDING_MFA or AUTHENTICATED;
 *                                          PENDING_MFA by a redirect to /mfa/authenticate)
 * PENDING_MFA --protected page----------> redirect to /mfa/authenticate
 * PENDING_MFA --code or security key ok-> AUTHENTICATED
 * PENDING_MFA --expired / 5 wrong codes / cancel--> ANONYMOUS
 * AUTHENTICATED: new session id, recorded as a live session, container told, next page = the return path
 * AUTHENTICATED --its live session ended (elsewhere, by an admin, account disabled, password changed)--> ANONYMOUS
 * </pre>
 *
 * A completed sign-in does not redirect by itself: it names the next page ({@link SignInSession#nextPage}) for the
 * Faces page or JSON API that passed the credential, which navigates there in its own way. The step into PENDING_MFA
 * after a password writes no response either: it marks the request ({@link SignInSession#isSecondFactorNext}) and the
 * login form answers with the second-factor page itself, one request fewer than a redirect (the form's next POST goes
 * to /mfa/authenticate; the page replaces the address so that a reload asks for the page instead of posting the
 * password again). After the identity provider (a servlet, not a form) the step into PENDING_MFA redirects.
 *
 * Once the container knows the caller, {@link AutoApplySession} re-establishes them on each request from the
 * session; until then the principal stays null and every protected resource is refused.
 */
@ApplicationScoped
@AutoApplySession
public class MfaAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(MfaAuthenticationMechanism.class.getName());

    static final String LOGIN_PAGE = "/login";
    static final String SECOND_FACTOR_PAGE = "/mfa/authenticate";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    UserAccountService accounts;

    @Inject
    MfaService mfa;

    @Inject
    PendingLoginService pendingLogins;

    @Inject
    WebAuthnService webAuthn;

    @Inject
    TrustedBrowserService trustedBrowsers;

    @Inject
    LockoutService lockout;

    @Inject
    PolicyService policies;

    @Inject
    PortalConfig config;

    @Inject
    Clock clock;

    @Inject
    AuditService audit;

    @Inject
    LiveSessionService liveSessions;

    @Inject
    DirectoryAccounts directoryAccounts;

    @Inject
    OidcSignInService identityProvider;

    @Inject
    SignInTransaction inOneTransaction;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential password) {
            return passwordStep(password, request, context);
        }
        if (credential instanceof OneTimeCodeCredential code) {
            return inOneTransaction.run(() -> secondFactorStep(request, context, code.trustBrowser(),
                    token -> pendingLogins.verifySecondFactor(token, code.code())));
        }
        if (credential instanceof WebAuthnAssertionCredential assertion && assertion.ceremony() == Ceremony.SECOND_FACTOR) {
            return inOneTransaction.run(() -> secondFactorStep(request, context, assertion.trustBrowser(),
                    token -> pendingLogins.verifySecurityKey(token, assertion.challengeId(), assertion.responseJson(), assertion.relyingParty())));
        }
        if (credential instanceof WebAuthnAssertionCredential assertion && assertion.ceremony() == Ceremony.PASSKEY) {
            return passkeyStep(assertion, request, context);
        }
        if (credential instanceof OidcCallbackCredential callback) {
            return identityProviderStep(callback, request, context);
        }
        if (context.isProtected()) {
            return hasLivePendingLogin(request)
                    ? redirect(SECOND_FACTOR_PAGE, request, context)
                    : askForPassword(request, context);
        }
        return context.doNothing();
    }

    private AuthenticationStatus askForPassword(HttpServletRequest request, HttpMessageContext context) {
        if (isPageNavigation(request)) {
            ReturnPath.ofRequest(request.getContextPath(), request.getRequestURI(), request.getQueryString())
                    .ifPresent(path -> SignInSession.rememberReturnPath(request, path));
        }
        return redirect(LOGIN_PAGE, request, context);
    }

    /** The mechanism answers before the filters run, so its redirects get the hardened headers here. */
    private static AuthenticationStatus redirect(String page, HttpServletRequest request, HttpMessageContext context) {
        SecurityHeadersFilter.setHeaders(request, context.getResponse());
        return context.redirect(request.getContextPath() + page);
    }

    /**
     * Only a page the user navigated to is worth returning to: the favicon or a script the login page loads
     * must not replace it.
     */
    static boolean isPageNavigation(HttpServletRequest request) {
        String fetchDestination = request.getHeader("Sec-Fetch-Dest");
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod())
                && (fetchDestination == null || "document".equals(fetchDestination))
                && (accept == null || accept.contains("text/html") || accept.contains("*/*"));
    }

    private AuthenticationStatus passwordStep(UsernamePasswordCredential password, HttpServletRequest request, HttpMessageContext context) {
        SignInSession.forgetPendingLogin(request);
        Optional<Duration> wait = lockout.passwordRetryAfter(password.getCaller());
        if (wait.isPresent()) {
            audit.record(AuditEventType.SIGN_IN_THROTTLED, null, password.getCaller(), null);
            request.setAttribute(SignInRefusal.class.getName(), SignInRefusal.throttled(wait.get()));
            return AuthenticationStatus.SEND_FAILURE;
        }
        CredentialValidationResult result;
        try {
            result = identityStores.validate(password);
        } catch (DirectoryUnavailableException e) {
            return directoryUnavailable(request);
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            lockout.passwordFailed(password.getCaller());
            audit.record(AuditEventType.PASSWORD_REJECTED, null, password.getCaller(), null);
            return AuthenticationStatus.SEND_FAILURE;
        }
        // what follows the hash commits once (SignInTransaction)
        return inOneTransaction.run(() -> passwordAccepted(result, request, context));
    }

    private AuthenticationStatus passwordAccepted(CredentialValidationResult result, HttpServletRequest request, HttpMessageContext context) {
        String username = result.getCallerPrincipal().getName();
        lockout.passwordAccepted(username);
        audit.recordOwnInCallerTransaction(AuditEventType.PASSWORD_ACCEPTED, username, null);
        UserAccount account = accounts.findByUsername(username).orElseThrow();
        if (lockout.isLocked(account)) {
            audit.recordOwn(AuditEventType.SIGN_IN_REFUSED_LOCKED, username);
            request.setAttribute(SignInRefusal.class.getName(), SignInRefusal.LOCKED);
            return AuthenticationStatus.SEND_FAILURE;
        }
        return afterFirstFactor(account, result.getCallerGroups(), SignInSession.takeReturnPath(request), SignInMethod.PASSWORD,
                request, context);
    }

    /**
     * The password or the identity provider proved who this is; a second factor follows when the user has one.
     *
     * @param firstFactor what proved it, recorded when nothing else is asked for
     */
    private AuthenticationStatus afterFirstFactor(UserAccount account, Set<String> groups, ReturnPath returnPath,
            SignInMethod firstFactor, HttpServletRequest request, HttpMessageContext context) {
        String username = account.getUsername();
        boolean mfaEnabled = mfa.isMfaEnabled(account);
        if (mfaEnabled && isTrustedBrowser(account, request)) {
            audit.recordOwnInCallerTransaction(AuditEventType.TRUSTED_BROWSER_USED, username, UserAgentSummary.describe(request.getHeader("User-Agent")));
            return completeSignIn(username, groups, returnPath, SignInMethod.TRUSTED_BROWSER, request, context);
        }
        if (mfaEnabled) {
            String token = pendingLogins.start(account, groups, returnPath);
            renewSessionId(request);
            SignInSession.rememberPendingLogin(request, token);
            if (firstFactor == SignInMethod.PASSWORD) {
                // The login form renders the second-factor page into this response. SEND_CONTINUE without a response
                // of its own reaches the form as SEND_FAILURE (Undertow's authenticate() sees nothing sent), so the
                // form asks SignInSession, never the status; the container still knows no caller.
                SignInSession.secondFactorNext(request);
                return AuthenticationStatus.SEND_CONTINUE;
            }
            // SEND_CONTINUE must come with its response (the container reports it as a failure otherwise)
            return redirect(SECOND_FACTOR_PAGE, request, context);
        }
        return completeSignIn(username, groups, returnPath, firstFactor, request, context);
    }

    /**
     * The company's identity provider sent the browser back. Its answer is judged like a password ({@link
     * OidcSignInService}); its own multi-factor authentication replaces the portal's second factor only when
     * configuration trusts the claim and the user's policy allows the kind of factor it stands for.
     */
    private AuthenticationStatus identityProviderStep(OidcCallbackCredential callback, HttpServletRequest request,
            HttpMessageContext context) {
        SignInSession.forgetPendingLogin(request);
        OidcOutcome outcome;
        try {
            outcome = identityProvider.complete(callback.callback(), callback.bindingSecret());
        } catch (EJBException unexpected) {
            // whatever the provider sent, the user gets the login page with a reason, never an error page
            LOG.log(Level.SEVERE, "Judging the identity provider's answer failed", unexpected);
            outcome = new OidcOutcome.Refused(OidcOutcome.Reason.PROVIDER_UNAVAILABLE, "unexpected failure: " + unexpected.getMessage(), null);
        }
        if (outcome instanceof OidcOutcome.Refused refused) {
            audit.record(AuditEventType.IDENTITY_PROVIDER_REFUSED, null, refused.subjectHint(), refused.detail());
            request.setAttribute(LoginNotice.class.getName(), LoginNotice.endingFor(refused.reason()));
            return AuthenticationStatus.SEND_FAILURE;
        }
        OidcOutcome.Verified verified = (OidcOutcome.Verified) outcome;
        UserAccount account = verified.account();
        if (lockout.isLocked(account)) {
            audit.record(AuditEventType.IDENTITY_PROVIDER_REFUSED, null, account.getUsername(), "account locked");
            request.setAttribute(LoginNotice.class.getName(), LoginNotice.LOCKED);
            return AuthenticationStatus.SEND_FAILURE;
        }
        String claims = "issuer " + verified.issuer() + ", amr " + String.join(" ", verified.amr())
                + (verified.acr() == null ? "" : ", acr " + verified.acr());
        audit.recordOwn(AuditEventType.IDENTITY_PROVIDER_ACCEPTED, account.getUsername(), claims);
        ReturnPath returnPath = ReturnPath.parse(verified.returnPath()).orElse(ReturnPath.HOME);
        Set<String> groups = AccountIdentityStore.rolesOf(account);
        SignInSession.markThroughIdentityProvider(request);
        if (verified.provenFactors().stream().anyMatch(kind -> policies.allows(account, kind))) {
            audit.recordOwn(AuditEventType.IDENTITY_PROVIDER_MFA_ACCEPTED, account.getUsername(), claims);
            return completeSignIn(account.getUsername(), groups, returnPath, SignInMethod.IDENTITY_PROVIDER_MFA, request, context);
        }
        return afterFirstFactor(account, groups, returnPath, SignInMethod.IDENTITY_PROVIDER, request, context);
    }

    /** A trusted browser skips the second factor, never the password; only while trust is allowed at all. */
    private boolean isTrustedBrowser(UserAccount account, HttpServletRequest request) {
        Optional<String> cookie = TrustedBrowserCookie.read(request);
        return cookie.isPresent() && !policies.trustedBrowserLifetime(account).isZero() && trustedBrowsers.isTrusted(account, cookie.get());
    }

    private AuthenticationStatus secondFactorStep(HttpServletRequest request, HttpMessageContext context, boolean trustBrowser,
            Function<String, SecondFactorResult> verification) {
        String token = SignInSession.pendingLoginToken(request).orElse(null);
        SecondFactorResult result = token == null ? new SecondFactorResult.NoPendingLogin() : verification.apply(token);
        request.setAttribute(SecondFactorResult.class.getName(), result);
        if (result instanceof SecondFactorResult.Verified verified) {
            SignInSession.forgetPendingLogin(request);
            if (verified.factor() == SecondFactorResult.SecondFactorKind.RECOVERY_CODE) {
                SignInSession.rememberRecoveryCodesLeft(request, verified.recoveryCodesLeft());
            }
            if (trustBrowser) {
                trustThisBrowser(verified.username(), request, context);
            }
            return completeSignIn(verified.username(), verified.groups(), verified.returnPath(), SignInMethod.of(verified.factor()),
                    request, context);
        }
        if (!(result instanceof SecondFactorResult.Rejected)) {
            SignInSession.forgetPendingLogin(request);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** A passkey verifies the user and proves possession: it replaces both password and second factor. */
    private AuthenticationStatus passkeyStep(WebAuthnAssertionCredential assertion, HttpServletRequest request, HttpMessageContext context) {
        SignInSession.forgetPendingLogin(request);
        try {
            WebAuthnService.Asserted asserted = webAuthn.verifyAssertion(Ceremony.PASSKEY, assertion.challengeId(), null,
                    assertion.responseJson(), assertion.relyingParty());
            Optional<UserAccount> account = accounts.findByUsername(asserted.username()).filter(UserAccount::isEnabled)
                    .filter(found -> !lockout.isLocked(found));
            if (account.isEmpty()) {
                throw new WebAuthnRefusal(WebAuthnRefusal.Reason.UNKNOWN_KEY, "account disabled or locked");
            }
            if (account.get().isFromDirectory()) {
                account = Optional.of(stillInDirectory(account.get()));
            }
            if (!policies.acceptedAtSignIn(account.get()).contains(FactorKind.PASSKEY)
                    || !policies.acceptsKeyAtSignIn(account.get(), asserted.authenticatorId())) {
                audit.recordOwn(AuditEventType.WEBAUTHN_REFUSED, asserted.username(), "passkey sign-in: not accepted by policy (kind, model or attestation)");
                throw new WebAuthnRefusal(WebAuthnRefusal.Reason.NOT_ALLOWED_BY_POLICY, "passkey");
            }
            audit.recordOwn(AuditEventType.PASSKEY_ACCEPTED, asserted.username(), "\"" + asserted.keyName() + "\"");
            return completeSignIn(asserted.username(), AccountIdentityStore.rolesOf(account.get()), SignInSession.takeReturnPath(request),
                    SignInMethod.PASSKEY, request, context);
        } catch (WebAuthnRefusal refusal) {
            request.setAttribute(WebAuthnRefusal.class.getName(), refusal);
            return AuthenticationStatus.SEND_FAILURE;
        }
    }

    /**
     * A directory user's passkey proves the person, not that the company still employs them: the directory must still
     * have them, enabled. Answers the account as refreshed by that check (groups decide the policy).
     */
    private UserAccount stillInDirectory(UserAccount account) throws WebAuthnRefusal {
        try {
            if (!directoryAccounts.stillAllowed(account)) {
                throw new WebAuthnRefusal(WebAuthnRefusal.Reason.UNKNOWN_KEY, "removed or disabled in the directory");
            }
        } catch (DirectoryUnavailableException e) {
            throw new WebAuthnRefusal(WebAuthnRefusal.Reason.DIRECTORY_UNAVAILABLE, "directory unavailable");
        }
        return accounts.findByUsername(account.getUsername()).orElseThrow();
    }

    /** Not a wrong password (no failure is counted): the directory could not answer. Local accounts are unaffected. */
    private AuthenticationStatus directoryUnavailable(HttpServletRequest request) {
        request.setAttribute(SignInRefusal.class.getName(), SignInRefusal.DIRECTORY_UNAVAILABLE);
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** Offered only here, after a second factor passed: trust is never given for a password alone. */
    private void trustThisBrowser(String username, HttpServletRequest request, HttpMessageContext context) {
        UserAccount account = accounts.findByUsername(username).orElseThrow();
        Duration lifetime = policies.trustedBrowserLifetime(account);
        if (lifetime.isZero()) {
            return;
        }
        String token = trustedBrowsers.trust(account, request.getHeader("User-Agent"), lifetime);
        TrustedBrowserCookie.write(request, context.getResponse(), token, lifetime, !config.devMode());
    }

    /**
     * A new session id at each privilege change defeats session fixation. The sign-in form is stateless, and the
     * identity provider's redirect back comes without one too, so a sign-in may arrive without any session: a new
     * one has a new id already.
     */
    private static void renewSessionId(HttpServletRequest request) {
        if (request.getSession(false) == null) {
            request.getSession(true);
        } else {
            request.changeSessionId();
        }
    }

    private boolean hasLivePendingLogin(HttpServletRequest request) {
        boolean live = SignInSession.pendingLoginToken(request).flatMap(pendingLogins::find).isPresent();
        if (!live) {
            SignInSession.forgetPendingLogin(request);
        }
        return live;
    }

    /**
     * The only transition into AUTHENTICATED; into ENROLMENT_ONLY as well when the user's policy requires a factor
     * they do not have (an allowed one) and the grace period is over, or the account must enrol its first factor; into
     * PASSWORD_CHANGE_ONLY first when its password was chosen by someone else (the bootstrap admin).
     */
    private AuthenticationStatus completeSignIn(String username, Set<String> groups, ReturnPath returnPath, SignInMethod method,
            HttpServletRequest request, HttpMessageContext context) {
        renewSessionId(request);
        UserAccount account = accounts.findByUsername(username).orElseThrow();
        EnrolmentState enrolment = policies.atSignIn(account);
        // the identity provider's trusted multi-factor sign-in met the policy: no portal factor is demanded on top
        if (method != SignInMethod.IDENTITY_PROVIDER_MFA && policies.restrictedToEnrolment(account, enrolment)) {
            SignInSession.restrictToEnrolment(request);
        }
        if (account.isMustChangePassword()) {
            SignInSession.requirePasswordChange(request);
        }
        liveSessions.start(account, request.getSession().getId(), RequestOrigin.of(request));
        SignInSession.markSignedIn(request);
        Reauthentication.markAuthenticated(request, clock.instant());
        audit.recordOwnInCallerTransaction(AuditEventType.SIGN_IN_COMPLETED, username, method.auditDetail());
        SignInSession.proceedTo(request, returnPath.value());
        return context.notifyContainerAboutLogin(username, groups);
    }
}
