-- The admin pages' population of bench/README.md ("Admin pages at scale"), generated inside PostgreSQL: 100,000
-- accounts in 20 groups dept-01..dept-20 (each account in one), 60 % with an authenticator app, every 100th locked,
-- and 1,000,000 audit events over a year from 2,000 addresses, a fifth of them SIGN_IN_COMPLETED. Password hashes and
-- TOTP secrets are placeholders: the plans do not read them.
\set ON_ERROR_STOP on
begin;
insert into user_account (username, display_name, email, password_hash, enabled, created_at, version,
                          second_factor_failures, locked_at, webauthn_user_handle)
select 'staff-' || lpad(n::text, 6, '0'),
       (array['Keller','Meier','Schmid','Huber','Weber','Fischer','Wagner','Becker','Hoffmann','Koch'])[1 + n % 10]
           || ', ' || (array['Anna','Ben','Clara','David','Eva','Felix','Greta','Hans','Ida','Jonas','Karl','Lena'])[1 + n % 12]
           || ' ' || n,
       'staff-' || n || '@example.test', 'PBKDF2WithHmacSHA512:210000:placeholder:placeholder', true,
       timestamptz '2025-01-01 00:00:00+00' + (n || ' minutes')::interval, 0,
       0, case when n % 100 = 0 then timestamptz '2026-11-01 00:00:00+00' end, 'handle-' || n
from generate_series(1, 100000) n;

insert into user_group (user_id, group_name)
select id, 'dept-' || lpad((1 + id % 20)::text, 2, '0') from user_account;

insert into authenticator (user_id, type, name, created_at, totp_secret, totp_algorithm, totp_digits, totp_period, totp_last_used_step)
select id, 'TOTP', 'Phone', created_at, 'sealed-placeholder', 'SHA1', 6, 30, 0
from user_account where id % 10 < 6;

insert into audit_event (occurred_at, event_type, actor_username, subject_username, ip_address, user_agent, detail)
select timestamptz '2026-12-01 00:00:00+00' - ((n * 31.536)::bigint || ' seconds')::interval,
       (array['SIGN_IN_COMPLETED','PASSWORD_ACCEPTED','PASSWORD_REJECTED','SECOND_FACTOR_ACCEPTED','SIGNED_OUT'])[1 + n % 5],
       case when n % 50 = 0 then 'admin' end,
       'staff-' || lpad((1 + (n::bigint * 7919) % 100000)::text, 6, '0'),
       '10.0.' || (n % 2000) / 250 || '.' || (n % 2000) % 250,
       'Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0', null
from generate_series(1, 1000000) n;
-- a rarer type, as the admin's type filter would ask for it
update audit_event set event_type = 'ACCOUNT_LOCKED' where id % 400 = 7;
commit;
analyze user_account, user_group, authenticator, audit_event;
