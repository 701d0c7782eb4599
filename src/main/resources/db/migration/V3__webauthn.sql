-- Security keys and passkeys (WebAuthn).

-- The WebAuthn user handle: random, not the username (authenticators may show or sync it).
alter table user_account add column webauthn_user_handle varchar(64);
alter table user_account add constraint uk_user_account_webauthn_handle unique (webauthn_user_handle);

alter table authenticator add column webauthn_credential_id varchar(1400);
-- AAGUID, credential id and COSE public key, as webauthn4j serialises attested credential data (base64url).
alter table authenticator add column webauthn_credential_data varchar(4000);
alter table authenticator add column webauthn_aaguid varchar(36);
alter table authenticator add column webauthn_sign_count bigint;
alter table authenticator add column webauthn_transports varchar(200);
alter table authenticator add column webauthn_uv_initialized boolean;
alter table authenticator add column webauthn_backup_eligible boolean;
alter table authenticator add column webauthn_backup_state boolean;
alter table authenticator add column webauthn_discoverable boolean;
-- A credential belongs to one account only, across all users.
alter table authenticator add constraint uk_authenticator_webauthn_credential unique (webauthn_credential_id);

-- Ceremony challenges: single use (deleted when used), bound to the session that asked, expiring.
create table webauthn_challenge (
    id          varchar(64)  not null primary key,
    ceremony    varchar(20)  not null,
    challenge   varchar(64)  not null,
    user_id     bigint references user_account (id) on delete cascade,
    created_at  timestamp(6) with time zone not null,
    expires_at  timestamp(6) with time zone not null
);

create index ix_webauthn_challenge_expires on webauthn_challenge (expires_at);
