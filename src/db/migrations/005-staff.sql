-- Staff identity: accounts with two factors, sessions, login attempts.
-- Roles: counter (窓口), review (審査), admin (管理者), audit (監査), stats (統計);
-- what each may do is decided in src/staff/domain/permissions.ts, not here.

create table staff_account (
  municipality_code    char(6) not null references municipality(code),
  staff_id             uuid not null,
  login_name           text not null check (login_name ~ '^[a-z0-9][a-z0-9._-]{2,31}$'),
  display_name         text not null check (length(display_name) between 1 and 100),
  -- scrypt: base64 key and salt; the parameters travel with the hash so they can be raised later.
  password_hash        text not null,
  password_salt        text not null,
  password_params      jsonb not null,
  -- TOTP secrets, AES-256-GCM sealed with a key kept outside the database.
  totp_secret_enc      text,
  totp_pending_enc     text,
  -- The last time step whose code was accepted: that code and older ones are spent.
  totp_last_step       bigint,
  roles                text[] not null check (
    cardinality(roles) between 1 and 5
    and roles <@ array['counter', 'review', 'admin', 'audit', 'stats']::text[]
    and not (roles @> array['admin', 'audit']::text[])),
  status               text not null default 'active' check (status in ('active', 'locked', 'disabled')),
  failed_attempts      integer not null default 0 check (failed_attempts >= 0),
  locked_until         timestamptz,
  password_changed_at  timestamptz not null,
  must_change_password boolean not null default false,
  created_at           timestamptz not null,
  updated_at           timestamptz not null,
  primary key (municipality_code, staff_id),
  unique (municipality_code, login_name),
  check (status <> 'locked' or locked_until is not null)
);

-- Only the SHA-256 of the session token and of its CSRF token is kept.
create table staff_session (
  municipality_code char(6) not null,
  token_sha256      char(64) not null,
  staff_id          uuid not null,
  terminal_id       text not null,
  csrf_sha256       char(64) not null,
  -- Whether this session has proven the second factor (false only while enrolling it).
  second_factor     boolean not null,
  created_at        timestamptz not null,
  last_seen_at      timestamptz not null,
  expires_at        timestamptz not null,
  revoked_at        timestamptz,
  revoke_reason     text,
  primary key (municipality_code, token_sha256),
  foreign key (municipality_code, staff_id) references staff_account (municipality_code, staff_id)
);
create index staff_session_open on staff_session (municipality_code, staff_id) where revoked_at is null;

-- Login attempts, for the rate limits per login name and per client address. A
-- deployment-wide table (one address may try several towns); rows are pruned
-- after a day. The audit trail, not this table, is the lasting record.
create table staff_login_attempt (
  attempt_id        bigint generated always as identity primary key,
  municipality_code char(6) not null,
  login_name        text not null,
  ip                text not null,
  occurred_at       timestamptz not null,
  outcome           text not null check (outcome in ('success', 'failure', 'rate_limited'))
);
create index staff_login_attempt_name on staff_login_attempt (municipality_code, login_name, occurred_at);
create index staff_login_attempt_ip on staff_login_attempt (ip, occurred_at);
create index staff_login_attempt_time on staff_login_attempt (occurred_at);

-- The auditors' search filters by action and by time as well as by actor and subject.
create index audit_log_action on audit_log (municipality_code, action, seq);
create index audit_log_time on audit_log (municipality_code, occurred_at);
