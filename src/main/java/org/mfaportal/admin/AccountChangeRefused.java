package org.mfaportal.admin;

import jakarta.ejb.ApplicationException;

/**
 * An admin's account change that was refused, and why: a message key for the page, shown next to {@code field} (null:
 * at the top of the page). Nothing was stored.
 */
@ApplicationException(rollback = true)
public class AccountChangeRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The form field the refusal concerns. */
    public enum Field {
        USERNAME, DISPLAY_NAME, EMAIL, GROUPS
    }

    private final Field field;
    private final String messageKey;

    public AccountChangeRefused(Field field, String messageKey) {
        super(messageKey);
        this.field = field;
        this.messageKey = messageKey;
    }

    /** Null when the refusal concerns the whole action. */
    public Field field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }
}
