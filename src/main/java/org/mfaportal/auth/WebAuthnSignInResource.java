package org.mfaportal.auth;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.api.ApiMessage;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.mfa.webauthn.Ceremony;
import org.mfaportal.mfa.webauthn.ChallengeBinding;
import org.mfaportal.mfa.webauthn.RelyingParty;
import org.mfaportal.mfa.webauthn.WebAuthnOptions;
import org.mfaportal.mfa.webauthn.WebAuthnRefusal;
import org.mfaportal.mfa.webauthn.WebAuthnService;

/**
 * The JSON half of signing in with WebAuthn: a security key as the second factor after the password, and a passkey
 * instead of both. The options come from {@link WebAuthnService}; the browser's answer goes to the authentication
 * mechanism as a credential, which signs the user in (or refuses) exactly as it does for a code typed on the page.
 * Only {@code application/json} is accepted, which a cross-site form cannot send (no CSRF). Refusals are 400 with a
 * message; the challenge id never travels through the browser's page.
 */
@Path("webauthn")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebAuthnSignInResource {

    @Inject
    WebAuthnService webAuthn;

    @Inject
    PendingLoginService pendingLogins;

    @Inject
    SecurityContext securityContext;

    @Inject
    PortalConfig config;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    /** Options for the security key of the pending sign-in (after the password). */
    @POST
    @Path("second-factor/options")
    public Response secondFactorOptions() {
        Optional<UserAccount> user = SignInSession.pendingLoginToken(request).flatMap(pendingLogins::userOf);
        if (user.isEmpty()) {
            return ApiMessage.refusal("webauthn.refused.challenge", LoginNotice.EXPIRED.loginPath());
        }
        WebAuthnService.Started<WebAuthnOptions.Request> started = webAuthn.startUserKeyCeremony(Ceremony.SECOND_FACTOR, user.get(), relyingParty());
        ChallengeBinding.bindToSession(request, Ceremony.SECOND_FACTOR, started.challengeId());
        return Response.ok(started.options()).build();
    }

    /** Body: the assertion, {@code PublicKeyCredential.toJSON()}; {@code ?trustBrowser=true} when the user ticked the box. */
    @POST
    @Path("second-factor")
    public Response secondFactor(String body, @QueryParam("trustBrowser") boolean trustBrowser) {
        String challengeId = ChallengeBinding.takeFromSession(request, Ceremony.SECOND_FACTOR).orElse(null);
        if (authenticate(new WebAuthnAssertionCredential(Ceremony.SECOND_FACTOR, challengeId, body, relyingParty(), trustBrowser))) {
            return Response.ok(new ApiMessage(null, SignInSession.nextPage(request))).build();
        }
        Object result = request.getAttribute(SecondFactorResult.class.getName());
        if (result instanceof SecondFactorResult.Rejected rejected) {
            return ApiMessage.refusal(rejected.refusalMessageKey() == null ? "webauthn.refused.not-verified" : rejected.refusalMessageKey(), null);
        }
        LoginNotice ending = LoginNotice.endingFor((SecondFactorResult) result);
        return ApiMessage.refusal(ending.messageKey(), ending.loginPath());
    }

    @POST
    @Path("passkey/options")
    public Response passkeyOptions() {
        WebAuthnService.Started<WebAuthnOptions.Request> started = webAuthn.startPasskey(relyingParty());
        ChallengeBinding.bindPasskeyToBrowser(request, response, started.challengeId());
        return Response.ok(started.options()).build();
    }

    /** Body: the assertion of a discoverable credential; signs the user in fully. */
    @POST
    @Path("passkey")
    public Response passkey(String body) {
        String challengeId = ChallengeBinding.takePasskeyFromBrowser(request, response).orElse(null);
        if (authenticate(new WebAuthnAssertionCredential(Ceremony.PASSKEY, challengeId, body, relyingParty(), false))) {
            return Response.ok(new ApiMessage(null, SignInSession.nextPage(request))).build();
        }
        Object refusal = request.getAttribute(WebAuthnRefusal.class.getName());
        return ApiMessage.refusal(refusal instanceof WebAuthnRefusal known ? known.reason().messageKey() : "webauthn.refused.not-verified", null);
    }

    private boolean authenticate(WebAuthnAssertionCredential credential) {
        AuthenticationStatus status = securityContext.authenticate(request, response, withParams().newAuthentication(true).credential(credential));
        return status == AuthenticationStatus.SUCCESS;
    }

    private RelyingParty relyingParty() {
        return config.relyingParty(request);
    }
}
