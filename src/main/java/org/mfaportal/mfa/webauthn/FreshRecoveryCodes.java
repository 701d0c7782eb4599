package org.mfaportal.mfa.webauthn;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.util.List;

/**
 * Recovery codes generated with a key added through the JSON API, held until the security-key page shows them once.
 */
@SessionScoped
public class FreshRecoveryCodes implements Serializable {

    private static final long serialVersionUID = 1L;

    private List<String> codes = List.of();

    public void offer(List<String> newCodes) {
        codes = List.copyOf(newCodes);
    }

    public List<String> take() {
        List<String> taken = codes;
        codes = List.of();
        return taken;
    }
}
