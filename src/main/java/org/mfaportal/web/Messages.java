package org.mfaportal.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The one place that turns message keys of {@code org/mfaportal/messages.properties} into page messages. */
@RequestScoped
public class Messages {

    static final String BUNDLE = "org.mfaportal.messages";

    @Inject
    FacesContext faces;

    public String text(String key, Object... arguments) {
        return text(faces.getViewRoot() != null ? faces.getViewRoot().getLocale() : Locale.ENGLISH, key, arguments);
    }

    /** The same texts for code outside Faces (the JSON API). */
    public static String text(Locale locale, String key, Object... arguments) {
        String pattern = ResourceBundle.getBundle(BUNDLE, locale).getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    /** An error next to the component with this client id, or at the top of the page when it is null. */
    public void error(String clientId, String key, Object... arguments) {
        add(clientId, FacesMessage.SEVERITY_ERROR, key, arguments);
    }

    public void info(String clientId, String key, Object... arguments) {
        add(clientId, FacesMessage.SEVERITY_INFO, key, arguments);
    }

    public void warn(String clientId, String key, Object... arguments) {
        add(clientId, FacesMessage.SEVERITY_WARN, key, arguments);
    }

    private void add(String clientId, FacesMessage.Severity severity, String key, Object... arguments) {
        String summary = text(key, arguments);
        faces.addMessage(clientId, new FacesMessage(severity, summary, null));
    }
}
