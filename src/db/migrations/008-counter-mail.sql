-- The staff console's own records: counter transactions (one visit, several
-- certificates, one receipt), 支援措置 overrides decided by a reviewer, mail
-- requests (郵送請求) with their money orders and work log, outgoing letters
-- (本人通知, 不足額のお知らせ, 返送のお知らせ) waiting to be printed, and the
-- per-municipality opening hours. Certificates, fees and the ledger stay in the
-- engine's tables (003-issuance.sql); these tables point at them.

-- Gapless numbers per municipality, series and fiscal year (receipts, notices,
-- mail references, letters). Locking the row orders concurrent takers.
create table document_counter (
  municipality_code char(6) not null references municipality(code),
  series            text not null check (series in ('receipt', 'notice', 'mail', 'letter')),
  fiscal_year       integer not null,
  last_number       integer not null,
  primary key (municipality_code, series, fiscal_year)
);

-- One visit to the counter: who asked, what was checked, how it was paid.
create table counter_transaction (
  municipality_code char(6) not null references municipality(code),
  transaction_id    uuid not null,
  idempotency_key   text not null,
  status            text not null check (status in ('open', 'paying', 'paid', 'cancelled')),
  requester         jsonb not null,           -- the person at the counter: name, resident id, ID document checked
  clerk_id          text not null,
  terminal_id       text,
  opened_at         timestamptz not null,
  payment_method    text check (payment_method in ('cash', 'cashless')),
  tendered          integer check (tendered >= 0),
  payment_reference text,
  paid_by           text,
  paid_at           timestamptz,
  cancelled_at      timestamptz,
  cancel_reason     text,
  primary key (municipality_code, transaction_id),
  unique (municipality_code, idempotency_key)
);
create index counter_transaction_open on counter_transaction (municipality_code, clerk_id, status);

-- The certificates of a visit; each line is one engine issuance with its own idempotency key.
create table counter_line (
  municipality_code   char(6) not null,
  transaction_id      uuid not null,
  line_no             integer not null,
  certificate         text not null,
  subject_resident_id bigint,
  subject_koseki_id   bigint,
  line                jsonb not null,         -- relation, 委任状, reason, options, copies, exemption as entered
  copies              integer not null check (copies between 1 and 20),
  quoted_total        integer check (quoted_total >= 0),
  review_required     boolean not null default false,
  status              text not null check (status in ('quoted', 'issued', 'removed')),
  issuance_id         uuid,
  fee                 integer check (fee >= 0),
  issued_at           timestamptz,
  primary key (municipality_code, transaction_id, line_no),
  foreign key (municipality_code, transaction_id) references counter_transaction (municipality_code, transaction_id),
  foreign key (municipality_code, issuance_id) references issuance (municipality_code, issuance_id)
);

-- 領収書: one per paid visit, signed like the certificates; the bytes are kept for reprints.
create table counter_receipt (
  municipality_code char(6) not null,
  transaction_id    uuid not null,
  fiscal_year       integer not null,
  receipt_number    integer not null,
  printed_number    text not null,
  total             integer not null check (total >= 0),
  payment_method    text not null check (payment_method in ('cash', 'cashless', 'exempt')),
  issued_at         timestamptz not null,
  content_sha256    char(64) not null,
  pdf               bytea not null,
  primary key (municipality_code, transaction_id),
  unique (municipality_code, fiscal_year, receipt_number),
  foreign key (municipality_code, transaction_id) references counter_transaction (municipality_code, transaction_id)
);

-- 支援措置: a reviewer's decision on one certificate for one requester. An approval
-- is used by exactly one issuance.
create table support_override (
  municipality_code   char(6) not null references municipality(code),
  override_id         uuid not null,
  channel             text not null check (channel in ('counter', 'mail')),
  origin_id           uuid not null,          -- the counter transaction or the mail request
  origin_line         integer not null,
  certificate         text not null,
  subject_resident_id bigint,
  subject_koseki_id   bigint,
  relation            text not null,
  requester           jsonb not null,         -- who asks and why, as the reviewer must judge it
  note                text not null,
  status              text not null check (status in ('pending', 'approved', 'rejected')),
  requested_by        text not null,
  requested_at        timestamptz not null,
  decided_by          text,
  decided_at          timestamptz,
  decision_reason     text,
  used_issuance_id    uuid,
  used_at             timestamptz,
  primary key (municipality_code, override_id),
  check (status = 'pending' or (decided_by is not null and decided_at is not null and decision_reason is not null))
);
create unique index support_override_live on support_override (municipality_code, channel, origin_id, origin_line)
  where status in ('pending', 'approved');
create index support_override_pending on support_override (municipality_code, status, requested_at);

-- 郵送請求: one letter received; its state and who moved it there when.
create table mail_request (
  municipality_code char(6) not null references municipality(code),
  request_id        uuid not null,
  idempotency_key   text not null,
  reference         text not null,           -- 郵R8-000045, written on the envelope and the letters
  status            text not null check (status in ('received', 'checked', 'issued', 'posted', 'returned')),
  requester         jsonb not null,          -- name, address, phone, ID copy enclosed
  return_address    jsonb not null,          -- where the certificates go
  received_on       date not null,           -- the day the letter arrived
  fee_total         integer check (fee_total >= 0),
  received_at       timestamptz not null,
  received_by       text not null,
  checked_at        timestamptz,
  checked_by        text,
  issued_at         timestamptz,
  issued_by         text,
  posted_at         timestamptz,
  posted_by         text,
  posting           jsonb,                   -- how it went out: 普通, 速達, 簡易書留 and the tracking number
  returned_at       timestamptz,
  returned_by       text,
  return_reason     text,
  primary key (municipality_code, request_id),
  unique (municipality_code, idempotency_key),
  unique (municipality_code, reference)
);
create index mail_request_status on mail_request (municipality_code, status, received_at);

create table mail_item (
  municipality_code   char(6) not null,
  request_id          uuid not null,
  item_no             integer not null,
  certificate         text not null,
  subject_resident_id bigint,
  subject_koseki_id   bigint,
  line                jsonb not null,
  copies              integer not null check (copies between 1 and 20),
  quoted_total        integer check (quoted_total >= 0),
  review_required     boolean not null default false,
  issuance_id         uuid,
  fee                 integer check (fee >= 0),
  issued_at           timestamptz,
  primary key (municipality_code, request_id, item_no),
  foreign key (municipality_code, request_id) references mail_request (municipality_code, request_id),
  foreign key (municipality_code, issuance_id) references issuance (municipality_code, issuance_id)
);

-- 定額小為替 in and out: what the letter enclosed, what arrived later, what went back.
create table mail_remittance (
  municipality_code char(6) not null,
  request_id        uuid not null,
  seq               integer not null,
  kind              text not null check (kind in ('enclosed', 'additional', 'refund')),
  amount            integer not null check (amount > 0),
  note              text,
  recorded_at       timestamptz not null,
  recorded_by       text not null,
  primary key (municipality_code, request_id, seq),
  foreign key (municipality_code, request_id) references mail_request (municipality_code, request_id)
);

-- The work log: each step with its time and clerk, so the work per request can be measured.
create table mail_event (
  municipality_code char(6) not null,
  request_id        uuid not null,
  seq               integer not null,
  action            text not null,
  status            text not null,
  occurred_at       timestamptz not null,
  staff_id          text not null,
  note              text,
  primary key (municipality_code, request_id, seq),
  foreign key (municipality_code, request_id) references mail_request (municipality_code, request_id)
);

-- Letters the office prints and posts: 本人通知, a request for the missing amount, a returned request.
create table outgoing_letter (
  municipality_code     char(6) not null references municipality(code),
  letter_id             uuid not null,
  kind                  text not null check (kind in ('self_notice', 'mail_shortfall', 'mail_returned')),
  letter_number         text not null,
  issuance_id           uuid,
  recipient_resident_id bigint,
  mail_request_id       uuid,
  certificate           text,
  status                text not null check (status in ('queued', 'printed')),
  pages                 integer not null,
  content_sha256        char(64) not null,
  pdf                   bytea not null,
  created_at            timestamptz not null,
  created_by            text not null,
  printed_at            timestamptz,
  printed_by            text,
  primary key (municipality_code, letter_id),
  unique (municipality_code, letter_number),
  foreign key (municipality_code, issuance_id) references issuance (municipality_code, issuance_id),
  foreign key (municipality_code, mail_request_id) references mail_request (municipality_code, request_id)
);
-- A retried issuance never queues a second notice to the same person.
create unique index outgoing_letter_notice_once on outgoing_letter (municipality_code, issuance_id, recipient_resident_id)
  where kind = 'self_notice';
create index outgoing_letter_queue on outgoing_letter (municipality_code, kind, status, created_at);

-- Opening hours and calendar of a municipality's channels (ServiceHoursConfig as JSON).
-- Every change is a new version; the highest version is in force.
create table service_hours (
  municipality_code char(6) not null references municipality(code),
  version           integer not null,
  config            jsonb not null,
  reason            text not null,
  recorded_at       timestamptz not null,
  recorded_by       text not null,
  primary key (municipality_code, version)
);
