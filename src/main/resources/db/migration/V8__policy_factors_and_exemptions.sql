-- Which kinds of factor a policy allows (comma-separated FactorKind names) and how many recovery codes a set holds.
alter table mfa_policy add column allowed_factors varchar(100) default 'TOTP,SECURITY_KEY,PASSKEY,RECOVERY_CODE' not null;
alter table mfa_policy add column recovery_codes integer default 10 not null;

-- An admin may exempt a user from having to use MFA until a date, always with a reason.
alter table user_account add column mfa_exempt_until timestamp(6) with time zone;
alter table user_account add column mfa_exempt_reason varchar(500);
alter table user_account add column mfa_exempted_by varchar(100);

-- The compliance view and the enrolment filters look up exemptions and grace periods by date.
create index ix_user_account_exempt_until on user_account (mfa_exempt_until);
create index ix_user_account_required_since on user_account (mfa_required_since);
