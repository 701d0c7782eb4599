package org.mfaportal.mfa.webauthn;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.Optional;
import org.mfaportal.account.UserAccount;
import org.mfaportal.api.ApiMessage;
import org.mfaportal.auth.Reauthentication;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.web.CurrentUser;

/**
 * The JSON half of the signed-in user's WebAuthn ceremonies, adding a key and confirming it's them: options for
 * {@code navigator.credentials}, and the browser's answers. Signing in with a key is {@code auth}'s.
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
    CurrentUser currentUser;

    @Inject
    FreshRecoveryCodes freshRecoveryCodes;

    @Inject
    PortalConfig config;

    @Inject
    Reauthentication reauthentication;

    @Context
    HttpServletRequest request;

    /** Body: {@code {"passkey": true|false}}. */
    @POST
    @Path("registration/options")
    public Response registrationOptions(String body) {
        Optional<JsonObject> json = parse(body);
        UserAccount user = currentUser.account().orElse(null);
        if (user == null || json.isEmpty()) {
            return ApiMessage.refusal("webauthn.refused.not-verified", null);
        }
        if (!reauthentication.isRecent()) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(ApiMessage.of("reauth.needed", Reauthentication.pageFor("/account/security/webauthn"))).build();
        }
        try {
            WebAuthnService.Started<WebAuthnOptions.Creation> started = webAuthn.startRegistration(user, json.get().getBoolean("passkey", false), relyingParty());
            ChallengeBinding.bindToSession(request, Ceremony.REGISTRATION, started.challengeId());
            return Response.ok(started.options()).build();
        } catch (WebAuthnRefusal refusal) {
            return ApiMessage.refusal(refusal.reason().messageKey(), null);
        }
    }

    /** Body: {@code {"name": "...", "passkey": bool, "credential": <PublicKeyCredential.toJSON()>}}. */
    @POST
    @Path("registration")
    public Response register(String body) {
        String challengeId = ChallengeBinding.takeFromSession(request, Ceremony.REGISTRATION).orElse(null);
        Optional<JsonObject> json = parse(body);
        UserAccount user = currentUser.account().orElse(null);
        if (user == null || json.isEmpty() || json.get().get("credential") == null
                || json.get().get("credential").getValueType() != JsonValue.ValueType.OBJECT) {
            return ApiMessage.refusal("webauthn.refused.not-verified", null);
        }
        try {
            WebAuthnService.Registered registered = webAuthn.finishRegistration(user, challengeId, stringOrNull(json.get(), "name"),
                    json.get().getBoolean("passkey", false), json.get().getJsonObject("credential").toString(), relyingParty());
            freshRecoveryCodes.offer(registered.newRecoveryCodes());
            return Response.status(Response.Status.CREATED).entity(ApiMessage.of("webauthn.added", "/account/security/webauthn")).build();
        } catch (WebAuthnRefusal refusal) {
            return ApiMessage.refusal(refusal.reason().messageKey(), null);
        } catch (ClassCastException | JsonException wrongTypes) {
            return ApiMessage.refusal("webauthn.refused.not-verified", null);
        }
    }

    /** Options for confirming a signed-in user with one of their keys ("confirm it's you"). */
    @POST
    @Path("reauthentication/options")
    public Response reauthenticationOptions() {
        UserAccount user = currentUser.account().orElse(null);
        if (user == null) {
            return ApiMessage.refusal("webauthn.refused.not-verified", null);
        }
        WebAuthnService.Started<WebAuthnOptions.Request> started = webAuthn.startUserKeyCeremony(Ceremony.REAUTHENTICATION, user, relyingParty());
        ChallengeBinding.bindToSession(request, Ceremony.REAUTHENTICATION, started.challengeId());
        return Response.ok(started.options()).build();
    }

    /** Body: the assertion; {@code ?continue=} the page to return to once confirmed. */
    @POST
    @Path("reauthentication")
    public Response reauthenticate(String body, @QueryParam("continue") String continuePath) {
        String challengeId = ChallengeBinding.takeFromSession(request, Ceremony.REAUTHENTICATION).orElse(null);
        UserAccount user = currentUser.account().orElse(null);
        if (user == null) {
            return ApiMessage.refusal("webauthn.refused.not-verified", null);
        }
        try {
            webAuthn.verifyAssertion(Ceremony.REAUTHENTICATION, challengeId, user, body, relyingParty());
            reauthentication.confirmed(user, "SECURITY_KEY");
            return Response.ok(new ApiMessage(null, Reauthentication.continuePath(continuePath))).build();
        } catch (WebAuthnRefusal refusal) {
            reauthentication.failed(user, false);
            return ApiMessage.refusal(refusal.reason().messageKey(), null);
        }
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
}
