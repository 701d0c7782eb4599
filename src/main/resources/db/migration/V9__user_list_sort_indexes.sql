-- The admin's user list sorts by name or creation date (with the id as tie-breaker) and shows one page: with these
-- indexes the database reads just that page in order instead of sorting every user.
create index ix_user_account_display_name on user_account (display_name, id);
create index ix_user_account_created_at on user_account (created_at, id);
