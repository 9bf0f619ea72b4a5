-- The audit trail: append-only, hash-chained per municipality. Every read of a
-- person's record and every change writes one row in the same transaction.
create table audit_log (
  municipality_code char(6) not null references municipality(code),
  seq               bigint not null,
  occurred_at       timestamptz not null,
  actor_type        text not null check (actor_type in ('staff', 'resident', 'kiosk', 'system', 'public')),
  actor_id          text not null,
  terminal_id       text,
  action            text not null,
  subject_type      text,
  subject_id        text,
  reason            text,
  details           jsonb not null default '{}',
  prev_hash         char(64) not null,
  hash              char(64) not null,
  primary key (municipality_code, seq)
);
create index audit_log_subject on audit_log (municipality_code, subject_type, subject_id);
create index audit_log_actor on audit_log (municipality_code, actor_id, occurred_at);

-- The chain's tip; locking this row serialises appends per municipality.
create table audit_head (
  municipality_code char(6) primary key references municipality(code),
  last_seq          bigint not null,
  last_hash         char(64) not null
);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
