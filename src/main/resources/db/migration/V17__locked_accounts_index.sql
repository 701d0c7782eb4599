-- The admin's user list filters locked accounts (about 1 in 100): without an index PostgreSQL counts them by reading
-- every account (bench/README.md, "PostgreSQL plans"). Runs unchanged on H2 and PostgreSQL.
create index ix_user_account_locked_at on user_account (locked_at);
