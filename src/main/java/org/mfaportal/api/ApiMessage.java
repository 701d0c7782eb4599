package org.mfaportal.api;

/**
 * The body of every API answer: a message for the user and/or the page to go to next.
 *
 * @param next a path inside the application, or null to stay
 */
public record ApiMessage(String message, String next) {
}
