-- Brute-force protection. Password failures are counted per typed username (existing or not, hashed), so throttling
-- reveals nothing about which accounts exist; second-factor failures per account, and they can lock it.
create table login_throttle (
    username_hash    varchar(64)  not null primary key,
    failures         integer      not null,
    last_failure_at  timestamp(6) with time zone not null
);

create index ix_login_throttle_last_failure on login_throttle (last_failure_at);

alter table user_account add column second_factor_failures integer default 0 not null;
alter table user_account add column locked_at timestamp(6) with time zone;
