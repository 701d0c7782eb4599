package org.mfaportal.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FacesFormTest {

    /** Trimmed from what the portal's /login renders. */
    private static final String LOGIN_PAGE = """
            <form id="login" name="login" method="post" action="/login" enctype="application/x-www-form-urlencoded">
            <input type="hidden" name="login" value="login" />
            <input id="login:username" name="login:username" type="text" class="ui-inputfield" maxlength="100" />
            <button id="login:signIn" name="login:signIn" type="submit"><span>Sign in</span></button>
            <input type="hidden" name="jakarta.faces.ViewState" id="j_id1:jakarta.faces.ViewState:0" value="7280623572980683832:-7294549543825200924" autocomplete="off" />
            </form>
            <form id="signOutForm" action="/other"><input type="hidden" name="signOutForm" value="signOutForm" /></form>
            """;

    @Test
    void takesTheActionAndTheHiddenFieldsOfTheNamedFormOnly() throws SignInFailure {
        FacesForm form = FacesForm.of(page(LOGIN_PAGE), "login");
        assertEquals(URI.create("http://localhost:8780/login"), form.action());
        assertEquals(Map.of("login", "login", FacesForm.VIEW_STATE, "7280623572980683832:-7294549543825200924"), form.hiddenFields());
    }

    @Test
    void aPageWithoutTheFormIsAFailureWithAReason() {
        SignInFailure failure = assertThrows(SignInFailure.class, () -> FacesForm.of(page("<html>Internal error</html>"), "secondFactor"));
        assertEquals("/login: no form #secondFactor (HTTP 200)", failure.getMessage());
    }

    private static Page page(String body) {
        return new Page(URI.create("http://localhost:8780/login"), 200, Optional.empty(), body);
    }
}
