package com.webauthn4j.test.authenticator.webauthn;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.statement.AttestationStatement;
import com.webauthn4j.test.TestAttestationUtil;
import com.webauthn4j.test.client.RegistrationEmulationOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

/**
 * webauthn4j's packed-attestation emulator (basic attestation, certificate from webauthn4j's 3-tier test CA) with a
 * model of our choosing: {@link PackedAuthenticator} is fixed to the zero AAGUID. In webauthn4j's package because the
 * certificate factory it must provide is package-private there.
 */
public class PackedAuthenticatorOfModel extends WebAuthnModelAuthenticator {

    private final PackedAuthenticator packed = new PackedAuthenticator();

    public PackedAuthenticatorOfModel(String aaguid) {
        super(new AAGUID(aaguid), new KeyPair(TestAttestationUtil.load3tierTestAuthenticatorAttestationPublicKey(),
                TestAttestationUtil.load3tierTestAuthenticatorAttestationPrivateKey()), TestAttestationUtil.load3tierTestCACertificatePath(),
                TestAttestationUtil.load3tierTestIntermediateCAPrivateKey(), 0, true, new ObjectConverter());
    }

    /** The same attestation key and certificate chain as webauthn4j's own packed emulator. */
    @Override
    public AttestationStatement createAttestationStatement(AttestationStatementRequest request, RegistrationEmulationOption option) {
        return packed.createAttestationStatement(request, option);
    }

    @Override
    X509Certificate createAttestationCertificate(AttestationStatementRequest request, AttestationOption option) {
        return packed.createAttestationCertificate(request, option);
    }
}
