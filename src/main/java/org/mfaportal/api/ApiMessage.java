package org.mfaportal.api;

import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.mfaportal.web.Messages;

/**
 * The body of every API answer: a message for the user and/or the page to go to next.
 *
 * @param next a path inside the application, or null to stay
 */
public record ApiMessage(String message, String next) {

    /** The message bundle's text for {@code messageKey}, in English as the API speaks it. */
    public static ApiMessage of(String messageKey, String next) {
        return new ApiMessage(Messages.text(Locale.ENGLISH, messageKey), next);
    }

    /** A 400 that tells the user why, and where to go when staying makes no sense. */
    public static Response refusal(String messageKey, String next) {
        return Response.status(Response.Status.BAD_REQUEST).entity(of(messageKey, next)).build();
    }
}
