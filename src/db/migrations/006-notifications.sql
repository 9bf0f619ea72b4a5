-- 書かない窓口: moving notifications (転入届・転居届・転出届) filled once on a phone
-- (or typed by a clerk from paper), checked and signed at the counter, then applied
-- to the resident register; and the rules of the related-procedures guidance.

-- One notification from its first draft to its acceptance. The reference is the
-- only thing the resident's QR code carries: 128 random bits in Crockford base32.
create table notification (
  municipality_code   char(6) not null references municipality(code),
  reference           char(26) not null,
  kind                text not null check (kind in ('tennyu', 'tenkyo', 'tenshutsu')),
  path                text not null check (path in ('digital', 'paper')),
  status              text not null check (status in
                        ('draft', 'submitted', 'opened', 'confirmed', 'accepted', 'rejected', 'expired')),
  -- sha-256 of the resident's edit secret; null on the paper path (the clerk edits it).
  edit_secret_sha256  char(64),
  content             jsonb not null,               -- the questionnaire's answers
  content_version     integer not null default 1,   -- +1 on every edit, by the resident or the clerk
  clerk_edits         integer not null default 0,   -- how often the counter corrected the content
  transfer_record     jsonb,                        -- 転入: the former town's 転出証明書 data (引越しワンストップ)
  match               jsonb,                        -- the register rows matched at the counter, with versions
  signature           jsonb,                        -- the resident's strokes on the tablet, or {"onPaper": true}
  identity_document   jsonb,                        -- the ID document the clerk checked
  -- HMAC-SHA256 (server key outside the database) over everything above: a changed row is detected.
  seal                char(64) not null,
  created_by          text not null,                -- 'resident' or the clerk's staff id
  opened_by           text,
  finished_by         text,
  rejection_reason    text,
  notifier_age        integer,                      -- age of the first mover on the move date, for statistics
  result              jsonb,                        -- what acceptance changed (residents, events, seals, guidance)
  certificate_number  text,                         -- 転出証明書
  certificate_code    text,
  certificate_sha256  char(64),
  certificate_pdf     bytea,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  expires_at          timestamptz not null,
  received_at         timestamptz,                  -- submitted from the phone / handed in on paper
  entered_at          timestamptz,                  -- opened at the counter
  reviewed_at         timestamptz,                  -- confirmed and signed by the resident
  finished_at         timestamptz,                  -- accepted or rejected
  primary key (municipality_code, reference),
  check ((status in ('accepted', 'rejected')) = (finished_at is not null)),
  check ((certificate_pdf is null) = (certificate_code is null))
);
create index notification_finished on notification (municipality_code, finished_at) where status = 'accepted';
create index notification_expiry on notification (expires_at) where status in ('draft', 'submitted');
create unique index notification_certificate_code on notification (certificate_code) where certificate_code is not null;

-- 転出証明書 numbers: gapless per municipality and fiscal year (the row lock orders them).
create table notification_counter (
  municipality_code char(6) not null references municipality(code),
  fiscal_year       integer not null,
  last_number       integer not null,
  primary key (municipality_code, fiscal_year)
);

-- 他課手続き案内: rules as data an administrator edits (format: docs/notifications.md).
create table procedure_rule (
  municipality_code char(6) not null references municipality(code),
  rule_id           text not null,
  position          integer not null,
  enabled           boolean not null default true,
  definition        jsonb not null,
  updated_at        timestamptz not null default now(),
  updated_by        text not null,
  primary key (municipality_code, rule_id)
);
