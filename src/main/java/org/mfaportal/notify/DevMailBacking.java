package org.mfaportal.notify;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.mfaportal.config.PortalConfig;

/** {@code /dev/mail}: the mails dev mode kept instead of sending. Outside dev mode the page does not exist. */
@Named
@RequestScoped
public class DevMailBacking {

    @Inject
    PortalConfig config;

    @Inject
    DevMailbox mailbox;

    @Inject
    FacesContext faces;

    public void requireDevMode() throws IOException {
        if (!config.devMode()) {
            faces.getExternalContext().responseSendError(HttpServletResponse.SC_NOT_FOUND, null);
            faces.responseComplete();
        }
    }

    public List<DevMailbox.DevMail> getMails() {
        return config.devMode() ? mailbox.mails() : List.of();
    }
}
