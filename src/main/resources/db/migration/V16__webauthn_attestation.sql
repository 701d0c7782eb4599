-- Attestation policy (issue 13): a policy may require attestation and restrict security keys and passkeys to
-- authenticator models (AAGUIDs); each key keeps how it proved its model.

alter table mfa_policy add column attestation_required boolean default false not null;
-- Lower-case AAGUIDs joined by commas; null: any model.
alter table mfa_policy add column allowed_models varchar(4000);

-- The attestation statement's format ("packed", "none", ...) and whether its certificate verified (see
-- WebAuthnService). Keys registered before this migration: both null, "unknown".
alter table authenticator add column webauthn_attestation_format varchar(32);
alter table authenticator add column webauthn_attestation_verified boolean;
