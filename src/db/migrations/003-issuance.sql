-- The issuance engine: signing identities, fee schedules, numbering, issuances and the ledger.

-- A municipality's document-signing key and certificate chain. The private key
-- is stored only as encrypted PKCS#8; the passphrase lives outside the database.
create table signing_identity (
  municipality_code       char(6) primary key references municipality(code),
  certificate_chain_pem   text not null,        -- signer first, root last
  encrypted_private_key_pem text not null,
  created_at              timestamptz not null default now()
);

create table fee_schedule (
  municipality_code char(6) not null references municipality(code),
  rule_id           text not null,
  certificate       text not null,
  channel           text not null,
  kiosk_kind        text,                     -- null = every kiosk
  fee               integer not null check (fee >= 0),
  basis             text,                     -- the ordinance (手数料条例 別表 …)
  valid_from        date not null,
  valid_to          date,                     -- inclusive; null = open
  primary key (municipality_code, rule_id),
  check (valid_to is null or valid_to >= valid_from)
);

create table fee_campaign (
  municipality_code char(6) not null references municipality(code),
  campaign_id       text not null,
  name              text not null,
  certificates      text[] not null,
  channels          text[] not null,
  kiosk_kinds       text[],                   -- null = every kiosk kind
  fee               integer not null check (fee >= 0),
  valid_from        date not null,
  valid_to          date not null,
  primary key (municipality_code, campaign_id),
  check (valid_to >= valid_from)
);

-- One row per municipality and fiscal year; locking it makes numbers gapless.
create table issue_counter (
  municipality_code char(6) not null references municipality(code),
  fiscal_year       integer not null,
  last_number       integer not null,
  primary key (municipality_code, fiscal_year)
);

create table issuance (
  municipality_code  char(6) not null references municipality(code),
  issuance_id        uuid not null,
  fiscal_year        integer not null,
  issue_number       integer not null,
  idempotency_key    text not null,
  request_hash       char(64) not null,       -- sha-256 of the canonical request: a reused key with other content is refused
  certificate        text not null,
  channel            text not null,
  terminal_id        text,
  clerk_id           text,
  requester          jsonb not null,
  subject_resident_id bigint,
  subject_koseki_id  bigint,
  options            jsonb not null,
  copies             integer not null check (copies between 1 and 20),
  unit_fee           integer not null check (unit_fee >= 0),
  total_fee          integer not null check (total_fee >= 0),
  fee_rule_id        text,
  fee_campaign_id    text,
  exemption          text,
  payment_method     text not null check (payment_method in ('cash', 'cashless', 'card', 'postal_order', 'exempt')),
  verification_code  text not null,
  content_sha256     char(64) not null,
  pages              integer not null,
  render_input       jsonb not null,          -- everything needed to render the same bytes again
  issued_at          timestamptz not null,
  status             text not null default 'issued' check (status in ('issued', 'voided')),
  primary key (municipality_code, issuance_id),
  unique (municipality_code, fiscal_year, issue_number),
  unique (municipality_code, idempotency_key),
  unique (verification_code)
);
create index issuance_subject on issuance (municipality_code, subject_resident_id);
create index issuance_issued_at on issuance (municipality_code, issued_at);
create index issuance_content on issuance (content_sha256);

-- Double-entry ledger: each issuance's lines sum to zero (debit = credit).
create table ledger_entry (
  municipality_code char(6) not null references municipality(code),
  issuance_id       uuid not null,
  line_no           integer not null,
  account           text not null,
  debit             integer not null default 0 check (debit >= 0),
  credit            integer not null default 0 check (credit >= 0),
  occurred_at       timestamptz not null,
  primary key (municipality_code, issuance_id, line_no),
  foreign key (municipality_code, issuance_id) references issuance(municipality_code, issuance_id),
  check ((debit = 0) <> (credit = 0) or (debit = 0 and credit = 0))
);
