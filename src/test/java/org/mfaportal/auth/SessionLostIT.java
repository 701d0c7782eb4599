package org.mfaportal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalDeployment;

/**
 * A sign-in page reached with a session cookie this server does not know, as after the cluster node that held the
 * session died (src/it/cluster/ checks it with two real nodes): the user is sent back to the password with the
 * reason, never to "page expired" or an error page.
 */
@ExtendWith(ArquillianExtension.class)
class SessionLostIT {

    private static final String LOST = "Your sign-in could not go on: the server handling it was restarted";
    private static final String UNKNOWN_SESSION = "JSESSIONID=AbandonedOnAnotherNode0123456789abcd.node-gone";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(Browser.localhost(deploymentUrl) + path));
    }

    private static HttpRequest.BodyPublisher form(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    @Test
    void postingTheCodeIntoALostSessionLeadsBackToThePasswordWithTheReason() throws Exception {
        HttpResponse<String> answer = send(request("/mfa/authenticate").header("Cookie", UNKNOWN_SESSION)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("secondFactor=secondFactor&secondFactor%3Acode=123456&jakarta.faces.ViewState=-1%3A-2")));
        assertEquals(303, answer.statusCode());
        assertEquals("/login?notice=session-lost", answer.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> login = send(request("/login?notice=session-lost").header("Cookie", UNKNOWN_SESSION).GET());
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains(LOST), "the login page says why");
    }

    @Test
    void theCodePageAndTheLoginFormDoTheSame() throws Exception {
        HttpResponse<String> page = send(request("/mfa/authenticate").header("Cookie", UNKNOWN_SESSION).GET());
        assertEquals("/login?notice=session-lost", page.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> login = send(request("/login").header("Cookie", UNKNOWN_SESSION)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("login=login&login%3Ausername=someone&login%3Apassword=x&jakarta.faces.ViewState=-1%3A-2")));
        assertEquals(303, login.statusCode());
        assertEquals("/login?notice=session-lost", login.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void ajaxPostsAreRedirectedTheFacesWay() throws Exception {
        HttpResponse<String> answer = send(request("/mfa/authenticate").header("Cookie", UNKNOWN_SESSION).header("Faces-Request", "partial/ajax")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(form("jakarta.faces.partial.ajax=true")));
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("<redirect url=\"/login?notice=session-lost\"/>"), answer.body());
    }

    @Test
    void withoutACookieOrWithALiveSessionNothingChanges() throws Exception {
        assertEquals(200, send(request("/login").GET()).statusCode());
        assertEquals(200, send(request("/login").header("Cookie", UNKNOWN_SESSION).GET()).statusCode(), "the login page itself is shown");
    }
}
