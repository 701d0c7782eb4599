-- Directory users and invited users who have not chosen a password yet have no local password.
alter table user_account alter column password_hash drop not null;
