-- Resident card authentication (JPKI model) and registered kiosks.
--
-- The trust material, kiosks and rate-limit buckets belong to the deployment, not
-- to one municipality: one convenience-store kiosk serves every participating
-- town, and the JPKI certification authority is national. Rows that name a
-- person (card sessions) carry the municipality code in their primary key.

-- The CA certificates whose 利用者証明用 certificates this deployment accepts:
-- the demo JPKI CA in the demo and tests, J-LIS's certificates in production.
-- The demo CA's certificate may be re-created (same name and key, new signature
-- bytes), so revocations hang on the CA's key, not on one certificate's bytes.
create table jpki_trusted_ca (
  ca_id            char(64) primary key,          -- SHA-256 of the certificate DER, hex
  key_sha256       char(64) not null,             -- SHA-256 of its SubjectPublicKeyInfo DER, hex
  subject          text not null,
  certificate_pem  text not null,
  not_before       timestamptz not null,
  not_after        timestamptz not null,
  source           text not null check (source in ('demo', 'import')),
  active           boolean not null default true,
  crl_this_update  timestamptz,
  crl_next_update  timestamptz,
  added_at         timestamptz not null default now()
);
create index jpki_trusted_ca_key on jpki_trusted_ca (key_sha256);

-- The CRL: certificate serials revoked by a trusted CA. Imported from signed
-- CRLs, so a row exists only if the CA itself said so.
create table jpki_revoked_certificate (
  ca_key_sha256      char(64) not null,           -- the issuing CA's key_sha256
  certificate_serial text not null,               -- upper-case hex, as X509Certificate.serialNumber
  revoked_at         timestamptz not null,
  reason             text,
  imported_at        timestamptz not null,
  primary key (ca_key_sha256, certificate_serial)
);

-- Registered kiosks: town-hall terminals and convenience-store multi-copy machines.
create table kiosk (
  kiosk_id          text primary key check (kiosk_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$'),
  kind              text not null check (kind in ('store', 'town_hall')),
  operator_type     text not null check (operator_type in ('municipality', 'store_operator')),
  -- A municipality-run kiosk names its municipality; a store kiosk its operator.
  operator_municipality_code char(6) references municipality(code),
  operator_name     text not null,
  location          text not null,
  prefecture        text not null,
  -- Inside the operating municipality (town hall) or the deployment's home town (store).
  in_city           boolean not null,
  public_key_pem    text not null,
  key_algorithm     text not null check (key_algorithm in ('ed25519', 'ecdsa-p256')),
  status            text not null default 'in_service' check (status in ('in_service', 'out_of_service')),
  status_reason     text,
  status_changed_at timestamptz not null,
  registered_at     timestamptz not null,
  check ((operator_type = 'municipality') = (operator_municipality_code is not null)),
  check (status = 'in_service' or status_reason is not null)
);

-- Registration and every status change (paper out, maintenance, back in service).
create table kiosk_event (
  kiosk_id    text not null references kiosk(kiosk_id),
  seq         integer not null,
  occurred_at timestamptz not null,
  actor       text not null,
  action      text not null check (action in ('registered', 'status_changed')),
  status      text not null,
  reason      text,
  primary key (kiosk_id, seq)
);

-- Request nonces seen per kiosk, kept until the request's timestamp falls out of
-- the accepted window; after that a replay is refused as stale anyway.
create table kiosk_request_nonce (
  kiosk_id   text not null references kiosk(kiosk_id),
  nonce      text not null,
  expires_at timestamptz not null,
  primary key (kiosk_id, nonce)
);
create index kiosk_request_nonce_expiry on kiosk_request_nonce (kiosk_id, expires_at);

-- Server challenges for card authentication: single use, short-lived, bound to a kiosk.
create table card_auth_challenge (
  challenge_id      uuid primary key,
  nonce             bytea not null,
  kiosk_id          text not null references kiosk(kiosk_id),
  municipality_code char(6) references municipality(code),
  -- SHA-256 of the certificate the kiosk announced at challenge time, if any.
  certificate_sha256 char(64),
  created_at        timestamptz not null,
  expires_at        timestamptz not null,
  used_at           timestamptz
);
create index card_auth_challenge_expiry on card_auth_challenge (expires_at);

-- Every card authentication attempt, success or refusal, across the deployment.
-- It holds no personal data: the card is named by its certificate's hash; the
-- municipality's audit log (same transaction) holds the card serial when known.
create table card_auth_attempt (
  attempt_id         uuid primary key,
  occurred_at        timestamptz not null,
  kiosk_id           text not null references kiosk(kiosk_id),
  challenge_id       uuid,
  step               text not null check (step in ('challenge', 'complete', 'card_locked')),
  outcome            text not null,            -- 'ok' or the refusal's error code
  certificate_sha256 char(64),
  municipality_code  char(6) references municipality(code)
);
create index card_auth_attempt_card on card_auth_attempt (certificate_sha256, occurred_at);
create index card_auth_attempt_kiosk on card_auth_attempt (kiosk_id, occurred_at);

-- A resident's short session at a kiosk after a successful card authentication.
-- Only the token's SHA-256 is stored; the token itself names the municipality so
-- a lookup never has to visit every tenant.
create table card_session (
  municipality_code char(6) not null references municipality(code),
  token_sha256      char(64) not null,
  kiosk_id          text not null references kiosk(kiosk_id),
  card_serial       text not null,
  resident_id       bigint not null,
  created_at        timestamptz not null,
  last_used_at      timestamptz not null,
  idle_expires_at   timestamptz not null,
  absolute_expires_at timestamptz not null,
  ended_at          timestamptz,
  end_reason        text,
  primary key (municipality_code, token_sha256),
  foreign key (municipality_code, card_serial) references mynumber_card(municipality_code, card_serial),
  foreign key (municipality_code, resident_id) references resident(municipality_code, resident_id)
);
create index card_session_card on card_session (municipality_code, card_serial) where ended_at is null;

-- Token buckets for abuse limits ('kiosk:<id>', 'card:<certificate sha256>').
create table rate_limit_bucket (
  bucket_key text primary key,
  tokens     double precision not null,
  updated_at timestamptz not null
);
