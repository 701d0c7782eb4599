-- The statements behind /admin/users and /admin/audit, as Hibernate 6 writes them for PostgreSQL (checked against
-- the statement log of AdminUserQueriesIT and AuditSearchIT on the test suite's PostgreSQL), with literals for the
-- parameters. Each runs under EXPLAIN (ANALYZE, BUFFERS); explain.sh runs the file twice and keeps the second (warm).
\set ON_ERROR_STOP on
\pset pager off

\echo '## users: page 1 sorted by username (the page GET)'
explain (analyze, buffers) select u.id, u.username, u.display_name, u.email, u.locked_at, u.created_at, u.mfa_required_since, u.mfa_exempt_until, u.disabled_at, u.source, u.directory_refreshed_at, u.directory_status
from user_account u where 1=1 order by u.username offset 0 rows fetch first 25 rows only;
\echo '## users: count (the page GET)'
explain (analyze, buffers) select count(u.id) from user_account u where 1=1;
\echo '## users: page 1 sorted by display name'
explain (analyze, buffers) select u.id, u.username, u.display_name from user_account u where 1=1 order by u.display_name, u.id offset 0 rows fetch first 25 rows only;
\echo '## users: page 1 sorted by creation date, newest first'
explain (analyze, buffers) select u.id, u.username, u.display_name from user_account u where 1=1 order by u.created_at desc, u.id desc offset 0 rows fetch first 25 rows only;
\echo '## users: page 400 sorted by username (offset 9,975)'
explain (analyze, buffers) select u.id, u.username, u.display_name from user_account u where 1=1 order by u.username offset 9975 rows fetch first 25 rows only;
\echo '## users: text filter "keller" (username or display name contains)'
explain (analyze, buffers) select u.id, u.username, u.display_name from user_account u where 1=1 and (u.username like '%keller%' escape '\' or lower(u.display_name) like '%keller%' escape '\') order by u.username offset 0 rows fetch first 25 rows only;
explain (analyze, buffers) select count(u.id) from user_account u where 1=1 and (u.username like '%keller%' escape '\' or lower(u.display_name) like '%keller%' escape '\');
\echo '## users: group dept-07'
explain (analyze, buffers) select u.id, u.username, u.display_name from user_account u where 1=1 and exists (select g.group_name from user_group g where u.id = g.user_id and g.group_name = 'dept-07') order by u.username offset 0 rows fetch first 25 rows only;
explain (analyze, buffers) select count(u.id) from user_account u where 1=1 and exists (select g.group_name from user_group g where u.id = g.user_id and g.group_name = 'dept-07');
\echo '## users: state NOT_REQUIRED (not enrolled, not exempt, no policy requires, no factor)'
explain (analyze, buffers) select u.id, u.username, u.display_name from user_account u where 1=1 and (not ((exists (select a.id from authenticator a where a.user_id = u.id and a.type = 'TOTP')) or ((exists (select a.id from authenticator a where a.user_id = u.id and a.type = 'WEBAUTHN' and (a.webauthn_discoverable is null or a.webauthn_discoverable = false)))) or ((exists (select a.id from authenticator a where a.user_id = u.id and a.type = 'WEBAUTHN' and a.webauthn_discoverable = true)))) and not (u.mfa_exempt_until is not null and u.mfa_exempt_until > now()) and not ((1 = 0) or (exists (select a.id from authenticator a where a.user_id = u.id)))) order by u.username offset 0 rows fetch first 25 rows only;
explain (analyze, buffers) select count(u.id) from user_account u where 1=1 and (not ((exists (select a.id from authenticator a where a.user_id = u.id and a.type = 'TOTP')) or ((exists (select a.id from authenticator a where a.user_id = u.id and a.type = 'WEBAUTHN' and (a.webauthn_discoverable is null or a.webauthn_discoverable = false)))) or ((exists (select a.id from authenticator a where a.user_id = u.id and a.type = 'WEBAUTHN' and a.webauthn_discoverable = true)))) and not (u.mfa_exempt_until is not null and u.mfa_exempt_until > now()) and not ((1 = 0) or (exists (select a.id from authenticator a where a.user_id = u.id))));
\echo '## users: locked'
explain (analyze, buffers) select u.id, u.username from user_account u where 1=1 and u.locked_at is not null order by u.username offset 0 rows fetch first 25 rows only;
explain (analyze, buffers) select count(u.id) from user_account u where 1=1 and u.locked_at is not null;
\echo '## users: groups and factors of the page (two queries per page)'
explain (analyze, buffers) select u.id, g.group_name from user_account u join user_group g on u.id = g.user_id where u.id in (101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125);
explain (analyze, buffers) select a.* from authenticator a where a.user_id in (101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125);

\echo '## audit: newest 50 (the page GET)'
explain (analyze, buffers) select e.* from audit_event e where 1=1 order by e.occurred_at desc, e.id desc offset 0 rows fetch first 50 rows only;
\echo '## audit: count (the page GET)'
explain (analyze, buffers) select count(e.id) from audit_event e where 1=1;
\echo '## audit: subject staff-004711'
explain (analyze, buffers) select e.* from audit_event e where 1=1 and e.subject_username = 'staff-004711' order by e.subject_username, e.occurred_at desc, e.id desc offset 0 rows fetch first 50 rows only;
explain (analyze, buffers) select count(e.id) from audit_event e where 1=1 and e.subject_username = 'staff-004711';
\echo '## audit: type ACCOUNT_LOCKED, last 30 days'
explain (analyze, buffers) select e.* from audit_event e where 1=1 and e.occurred_at >= timestamptz '2026-11-01 00:00:00+00' and e.event_type = 'ACCOUNT_LOCKED' order by e.event_type, e.occurred_at desc, e.id desc offset 0 rows fetch first 50 rows only;
explain (analyze, buffers) select count(e.id) from audit_event e where 1=1 and e.occurred_at >= timestamptz '2026-11-01 00:00:00+00' and e.event_type = 'ACCOUNT_LOCKED';
\echo '## audit: IP 10.0.4.17'
explain (analyze, buffers) select e.* from audit_event e where 1=1 and e.ip_address = '10.0.4.17' order by e.ip_address, e.occurred_at desc, e.id desc offset 0 rows fetch first 50 rows only;
explain (analyze, buffers) select count(e.id) from audit_event e where 1=1 and e.ip_address = '10.0.4.17';
\echo '## audit: last 7 days'
explain (analyze, buffers) select e.* from audit_event e where 1=1 and e.occurred_at >= timestamptz '2026-11-24 00:00:00+00' order by e.occurred_at desc, e.id desc offset 0 rows fetch first 50 rows only;
explain (analyze, buffers) select count(e.id) from audit_event e where 1=1 and e.occurred_at >= timestamptz '2026-11-24 00:00:00+00';
\echo '## audit: type SIGN_IN_COMPLETED (a fifth of all events)'
explain (analyze, buffers) select e.* from audit_event e where 1=1 and e.event_type = 'SIGN_IN_COMPLETED' order by e.event_type, e.occurred_at desc, e.id desc offset 0 rows fetch first 50 rows only;
explain (analyze, buffers) select count(e.id) from audit_event e where 1=1 and e.event_type = 'SIGN_IN_COMPLETED';
\echo '## audit: retention purge (nothing older than 400 days here)'
explain (analyze, buffers) delete from audit_event e where e.occurred_at < timestamptz '2025-10-27 00:00:00+00';
