package org.mfaportal.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;
import java.io.IOException;
import org.primefaces.component.messages.Messages;
import org.primefaces.component.messages.MessagesRenderer;

/**
 * {@code p:messages} as PrimeFaces renders it, except that each message stays a list item. PrimeFaces 15 gives every
 * {@code <li>} {@code role="alert"}, which makes it no list item any more, so the {@code <ul>} holds something a list
 * may not hold (WCAG 1.3.1; axe rules "list" and "aria-allowed-role"). The container is already a polite live region,
 * so messages that arrive by AJAX are still announced. Registered in faces-config.xml for every page.
 */
public class MessageListRenderer extends MessagesRenderer {

    @Override
    protected void encodeMessage(ResponseWriter writer, Messages messages, FacesMessage message, String severity, boolean escape)
            throws IOException {
        super.encodeMessage(new ResponseWriterWrapper(writer) {
            @Override
            public void writeAttribute(String name, Object value, String property) throws IOException {
                if (!"role".equals(name) && !"aria-atomic".equals(name)) {
                    super.writeAttribute(name, value, property);
                }
            }
        }, messages, message, severity, escape);
    }
}
