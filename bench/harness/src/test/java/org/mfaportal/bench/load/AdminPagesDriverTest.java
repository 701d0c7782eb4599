package org.mfaportal.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminPagesDriverTest {

    private static final String USERS_PAGE = """
            <form id="users" name="users" method="post" action="/admin/users">
            <input type="hidden" name="users" value="users" />
            <input id="users:text" name="users:text" type="text" value="" />
            <div id="users:enrolment" class="ui-selectonemenu"><div class="ui-helper-hidden-accessible">
            <select id="users:enrolment_input" name="users:enrolment_input" tabindex="-1">
            <option value="ANY" selected="selected">Any</option><option value="ENROLLED">Enrolled</option>
            <option value="LOCKED">Locked</option></select></div></div>
            <input type="hidden" name="jakarta.faces.ViewState" value="-1:2" />
            </form>""";

    @Test
    void textFieldsAreFoundByTheirIdAndPrimeFacesMenusByTheirHiddenSelect() {
        assertEquals(Optional.of("users:text"), AdminPagesDriver.fieldName(USERS_PAGE, "users:text"));
        assertEquals(Optional.of("users:enrolment_input"), AdminPagesDriver.fieldName(USERS_PAGE, "users:enrolment"));
        assertEquals(Optional.empty(), AdminPagesDriver.fieldName(USERS_PAGE, "users:group"));
        assertEquals(Optional.of(List.of("ANY", "ENROLLED", "LOCKED")), AdminPagesDriver.selectOptions(USERS_PAGE, "users:enrolment_input"));
    }

    @Test
    void aFilterThePageDoesNotOfferIsASkipNotAGuess() throws Exception {
        Page page = new Page(URI.create("http://localhost:8780/admin/users"), 200, Optional.empty(), USERS_PAGE);
        var scenario = new AdminPagesDriver.Scenario("s", "/admin/users", "users", "users:search", "users:table", Map.of("enrolment", "OVERDUE"));
        assertThrows(SignInFailure.class, () -> AdminPagesDriver.fieldsToSend(page, scenario));
        var known = new AdminPagesDriver.Scenario("s", "/admin/users", "users", "users:search", "users:table", Map.of("enrolment", "LOCKED"));
        assertEquals(Map.of("users:enrolment_input", "LOCKED"), AdminPagesDriver.fieldsToSend(page, known));
    }
}
