-- An admin may disable an account (and enable it again): who did it and when is shown on the admin pages.
alter table user_account add column disabled_at timestamp(6) with time zone;
alter table user_account add column disabled_by varchar(100);
-- The bootstrap admin signs in with a password an operator chose: they must set their own before anything else.
alter table user_account add column must_change_password boolean default false not null;
-- Held to enrolment until a first factor exists, whatever the grace period says: the bootstrap admin, and invited
-- users whose policy requires MFA (a grace period is for users who existed before the requirement).
alter table user_account add column must_enrol_factor boolean default false not null;
-- The admin's user list filters disabled accounts.
create index ix_user_account_disabled_at on user_account (disabled_at);
