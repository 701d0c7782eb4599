-- The admin's audit log filters by actor, type and IP within a time range, over millions of rows.
create index ix_audit_event_actor on audit_event (actor_username, occurred_at);
create index ix_audit_event_type on audit_event (event_type, occurred_at);
create index ix_audit_event_ip on audit_event (ip_address, occurred_at);
