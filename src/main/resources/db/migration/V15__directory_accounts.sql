-- Accounts from the company directory (LDAP / Active Directory): where an account comes from, the directory's stable
-- key for it (entryUUID, objectGUID or the DN), when the directory last confirmed it, and what it said last
-- (ACTIVE, DISABLED, REMOVED). Local accounts keep source LOCAL and nulls. Runs unchanged on H2 and PostgreSQL.
alter table user_account add column source varchar(16) default 'LOCAL' not null;
alter table user_account add column external_id varchar(255);
alter table user_account add column directory_refreshed_at timestamp(6) with time zone;
alter table user_account add column directory_status varchar(16);

-- One local record per directory entry (nulls, i.e. local accounts, never collide).
create unique index ux_user_account_external_id on user_account (source, external_id);
