package org.mfaportal.mfa.webauthn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseShapeTest {

    private static final String GENUINE = """
            {"id":"AQID","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AAAA",
            "signature":"AQ","userHandle":null},"clientExtensionResults":{}}""";

    @Test
    void genuineShapeIsAccepted() {
        assertTrue(ResponseShape.isWellFormed(GENUINE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{", "[]", "\"text\"", "{}",
        "{\"id\":\"AQIE\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{}}",
        "{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-kez\",\"response\":{}}",
        "{\"id\":5,\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{}}",
        "{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":\"x\"}",
        "{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{\"signature\":\"AR\"}}",
        "{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{\"signature\":\"AQ==\"}}",
        "{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{\"signature\":\"A+/Q\"}}",
        "{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{\"signature\":7}}",
        "{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{},\"ylientExtensionResults\":{}}",
        "{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{\"extra\":1},\"clientExtensionResults\":{}}",
        "{\"id\":\"AQID\",\"rawId\":\"AQID\",\"type\":\"public-key\",\"response\":{},\"clientExtensionResults\":{},\"authenticatorAttachment\":\"plat\"}"})
    void anythingElseIsRefused(String json) {
        assertFalse(ResponseShape.isWellFormed(json), json);
    }

    @Test
    void oversizedResponsesAreRefusedBeforeParsing() {
        assertFalse(ResponseShape.isWellFormed(GENUINE.replace("{}}", "{\"pad\":\"" + "A".repeat(WebAuthnService.MAX_RESPONSE_LENGTH) + "\"}}")));
    }

    @Test
    void nonCanonicalPaddingBitsAreRefused() {
        assertTrue(ResponseShape.isCanonicalBase64Url("AQ"));
        assertFalse(ResponseShape.isCanonicalBase64Url("AR"), "same byte, other unused bits");
    }
}
