package org.mfaportal.bench.load;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Faces form as a browser submits it: its action and its hidden fields (the form's own marker and
 * jakarta.faces.ViewState). Parsed with patterns, not an HTML parser: the portal renders these tags itself and the
 * driver must stay light.
 */
record FacesForm(URI action, Map<String, String> hiddenFields) {

    static final String VIEW_STATE = "jakarta.faces.ViewState";

    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");
    /** PrimeFaces' CSP mode: its script adds the page's nonce to every form it submits. */
    private static final Pattern CSP_NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");
    static final String CSP_NONCE_FIELD = "primefaces.nonce";
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)=\"([^\"]*)\"");

    static FacesForm of(Page page, String formId) throws SignInFailure {
        FacesForm form = ofHtml(page, formId);
        if (!form.hiddenFields().containsKey(VIEW_STATE)) {
            throw new SignInFailure(page.uri().getPath() + ": form #" + formId + " without action or view state");
        }
        return form;
    }

    /** Any HTML form (not only a Faces one, e.g. Keycloak's login forms): its action and hidden fields. */
    static FacesForm ofHtml(Page page, String formId) throws SignInFailure {
        Matcher formTag = Pattern.compile("<form\\b[^>]*\\bid=\"" + Pattern.quote(formId) + "\"[^>]*>").matcher(page.body());
        if (!formTag.find()) {
            throw new SignInFailure(page.uri().getPath() + ": no form #" + formId + " (" + page.describe() + ")");
        }
        int end = page.body().indexOf("</form>", formTag.end());
        if (end < 0) {
            throw new SignInFailure(page.uri().getPath() + ": form #" + formId + " is not closed");
        }
        String action = attributes(formTag.group()).get("action");
        Map<String, String> hidden = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(page.body()).region(formTag.end(), end);
        while (input.find()) {
            Map<String, String> attributes = attributes(input.group());
            if ("hidden".equals(attributes.get("type")) && attributes.containsKey("name")) {
                hidden.put(attributes.get("name"), attributes.getOrDefault("value", ""));
            }
        }
        Matcher nonce = CSP_NONCE.matcher(page.body());
        if (nonce.find()) {
            hidden.put(CSP_NONCE_FIELD, nonce.group(1).replace("\\/", "/"));
        }
        if (action == null) {
            throw new SignInFailure(page.uri().getPath() + ": form #" + formId + " without action or view state");
        }
        return new FacesForm(page.uri().resolve(action), hidden);
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(tag);
        while (attribute.find()) {
            attributes.put(attribute.group(1), unescape(attribute.group(2)));
        }
        return attributes;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
