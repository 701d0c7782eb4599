package org.mfaportal.mfa.webauthn;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
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
import java.io.StringReader;
import java.util.Locale;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.api.ApiMessage;
import org.mfaportal.auth.LoginNotice;
import org.mfaportal.auth.PendingLoginService;
import org.mfaportal.auth.Reauthentication;
import org.mfaportal.auth.SecondFactorResult;
import org.mfaportal.auth.SignInSession;
import org.mfaportal.auth.WebAuthnAssertionCredential;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;

/**
 * The JSON half of the WebAuthn ceremonies: options for {@code navigator.credentials}, and the browser's answers.
 * Only {@code application/json} is accepted, which a cross-site form cannot send (no CSRF). Refusals are 400 with a
 * message; the challenge id never travels through the browser.
 */
@Path("webauthn")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebAuthnResource {

    @Inject
    WebAuthnService webAuthn;

    @Inject
    PendingLoginService pendingLogins;

    @Inject
    SecurityContext securityContext;

    @Inject
    CurrentUser currentUser;

    @Inject
    FreshRecoveryCodes freshRecoveryCodes;

    @Inject
    PortalConfig config;

    @Inject
    Reauthentication reauthentication;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    /** Body: {@code {"passkey": true|false}}. */
    @POST
    @Path("registration/options")
    public Response registrationOptions(String body) {
        Optional<JsonObject> json = parse(body);
        UserAccount user = currentUser.account().orElse(null);
        if (user == null || json.isEmpty()) {
            return refused("webauthn.refused.not-verified", null);
        }
        if (!reauthentication.isRecent()) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(new ApiMessage(text("reauth.needed"), Reauthentication.pageFor("/account/security/webauthn"))).build();
        }
        try {
            WebAuthnService.Started<WebAuthnOptions.Creation> started = webAuthn.startRegistration(user, json.get().getBoolean("passkey", false), relyingParty());
            SignInSession.rememberChallenge(request, Ceremony.REGISTRATION, started.challengeId());
            return Response.ok(started.options()).build();
        } catch (WebAuthnRefusal refusal) {
            return refused(refusal.reason().messageKey(), null);
        }
    }

    /** Body: {@code {"name": "...", "passkey": bool, "credential": <PublicKeyCredential.toJSON()>}}. */
    @POST
    @Path("registration")
    public Response register(String body) {
        String challengeId = SignInSession.takeChallenge(request, Ceremony.REGISTRATION).orElse(null);
        Optional<JsonObject> json = parse(body);
        UserAccount user = currentUser.account().orElse(null);
        if (user == null || json.isEmpty() || json.get().get("credential") == null
                || json.get().get("credential").getValueType() != JsonValue.ValueType.OBJECT) {
            return refused("webauthn.refused.not-verified", null);
        }
        try {
            WebAuthnService.Registered registered = webAuthn.finishRegistration(user, challengeId, stringOrNull(json.get(), "name"),
                    json.get().getBoolean("passkey", false), json.get().getJsonObject("credential").toString(), relyingParty());
            freshRecoveryCodes.offer(registered.newRecoveryCodes());
            return Response.status(Response.Status.CREATED).entity(new ApiMessage(text("webauthn.added"), "/account/security/webauthn")).build();
        } catch (WebAuthnRefusal refusal) {
            return refused(refusal.reason().messageKey(), null);
        } catch (ClassCastException | JsonException wrongTypes) {
            return refused("webauthn.refused.not-verified", null);
        }
    }

    /** Options for the security key of the pending sign-in (after the password). */
    @POST
    @Path("second-factor/options")
    public Response secondFactorOptions() {
        Optional<UserAccount> user = SignInSession.pendingLoginToken(request).flatMap(pendingLogins::userOf);
        if (user.isEmpty()) {
            return refused("webauthn.refused.challenge", LoginNotice.EXPIRED.loginPath());
        }
        WebAuthnService.Started<WebAuthnOptions.Request> started = webAuthn.startUserKeyCeremony(Ceremony.SECOND_FACTOR, user.get(), relyingParty());
        SignInSession.rememberChallenge(request, Ceremony.SECOND_FACTOR, started.challengeId());
        return Response.ok(started.options()).build();
    }

    /** Body: the assertion, {@code PublicKeyCredential.toJSON()}; {@code ?trustBrowser=true} when the user ticked the box. */
    @POST
    @Path("second-factor")
    public Response secondFactor(String body, @QueryParam("trustBrowser") boolean trustBrowser) {
        String challengeId = SignInSession.takeChallenge(request, Ceremony.SECOND_FACTOR).orElse(null);
        if (authenticate(new WebAuthnAssertionCredential(Ceremony.SECOND_FACTOR, challengeId, body, relyingParty(), trustBrowser))) {
            return Response.ok(new ApiMessage(null, SignInSession.nextPage(request))).build();
        }
        Object result = request.getAttribute(SecondFactorResult.class.getName());
        if (result instanceof SecondFactorResult.Rejected rejected) {
            return refused(rejected.refusalMessageKey() == null ? "webauthn.refused.not-verified" : rejected.refusalMessageKey(), null);
        }
        LoginNotice ending = LoginNotice.endingFor((SecondFactorResult) result);
        return refused(ending.messageKey(), ending.loginPath());
    }

    /** Options for confirming a signed-in user with one of their keys ("confirm it's you"). */
    @POST
    @Path("reauthentication/options")
    public Response reauthenticationOptions() {
        UserAccount user = currentUser.account().orElse(null);
        if (user == null) {
            return refused("webauthn.refused.not-verified", null);
        }
        WebAuthnService.Started<WebAuthnOptions.Request> started = webAuthn.startUserKeyCeremony(Ceremony.REAUTHENTICATION, user, relyingParty());
        SignInSession.rememberChallenge(request, Ceremony.REAUTHENTICATION, started.challengeId());
        return Response.ok(started.options()).build();
    }

    /** Body: the assertion; {@code ?continue=} the page to return to once confirmed. */
    @POST
    @Path("reauthentication")
    public Response reauthenticate(String body, @QueryParam("continue") String continuePath) {
        String challengeId = SignInSession.takeChallenge(request, Ceremony.REAUTHENTICATION).orElse(null);
        UserAccount user = currentUser.account().orElse(null);
        if (user == null) {
            return refused("webauthn.refused.not-verified", null);
        }
        try {
            webAuthn.verifyAssertion(Ceremony.REAUTHENTICATION, challengeId, user, body, relyingParty());
            reauthentication.confirmed(user, "SECURITY_KEY");
            return Response.ok(new ApiMessage(null, Reauthentication.continuePath(continuePath))).build();
        } catch (WebAuthnRefusal refusal) {
            reauthentication.failed(user, false);
            return refused(refusal.reason().messageKey(), null);
        }
    }

    @POST
    @Path("passkey/options")
    public Response passkeyOptions() {
        WebAuthnService.Started<WebAuthnOptions.Request> started = webAuthn.startPasskey(relyingParty());
        SignInSession.rememberPasskeyChallenge(request, response, started.challengeId(), WebAuthnChallenges.LIFETIME);
        return Response.ok(started.options()).build();
    }

    /** Body: the assertion of a discoverable credential; signs the user in fully. */
    @POST
    @Path("passkey")
    public Response passkey(String body) {
        String challengeId = SignInSession.takePasskeyChallenge(request, response).orElse(null);
        if (authenticate(new WebAuthnAssertionCredential(Ceremony.PASSKEY, challengeId, body, relyingParty(), false))) {
            return Response.ok(new ApiMessage(null, SignInSession.nextPage(request))).build();
        }
        Object refusal = request.getAttribute(WebAuthnRefusal.class.getName());
        return refused(refusal instanceof WebAuthnRefusal known ? known.reason().messageKey() : "webauthn.refused.not-verified", null);
    }

    private boolean authenticate(WebAuthnAssertionCredential credential) {
        AuthenticationStatus status = securityContext.authenticate(request, response, withParams().newAuthentication(true).credential(credential));
        return status == AuthenticationStatus.SUCCESS;
    }

    private RelyingParty relyingParty() {
        return config.relyingParty(request);
    }

    private static Optional<JsonObject> parse(String body) {
        if (body == null || body.length() > WebAuthnService.MAX_RESPONSE_LENGTH) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? Optional.of(value.asJsonObject()) : Optional.empty();
        } catch (JsonException | IllegalStateException malformed) {
            return Optional.empty();
        }
    }

    private static String stringOrNull(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value != null && value.getValueType() == JsonValue.ValueType.STRING ? json.getString(name) : null;
    }


    private static Response refused(String messageKey, String next) {
        return Response.status(Response.Status.BAD_REQUEST).entity(new ApiMessage(text(messageKey), next)).build();
    }

    private static String text(String key) {
        return Messages.text(Locale.ENGLISH, key);
    }
}
