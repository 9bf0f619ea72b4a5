-- 利用者登録申請: a person whose 本籍 is in municipality A but who lives in B
-- applies at a kiosk (with their My Number card) to print A's 戸籍 certificates
-- at kiosks. A's 審査 staff link the application to a register member, or
-- reject it. The row belongs to A (the municipality that decides and whose
-- registers it opens), so A's code leads the primary key.
create table koseki_user_registration (
  municipality_code           char(6) not null references municipality(code),  -- 本籍地 A
  registration_id             uuid not null,
  -- The applicant as the card established it, in the residence municipality B.
  -- No foreign key to resident: B's rows live in B's tenant (another shard under Citus).
  applicant_municipality_code char(6) not null references municipality(code),
  applicant_resident_id       bigint not null,
  card_serial                 text not null,
  certificate_serial          text not null,     -- 利用者証明用電子証明書: a renewed certificate needs a new application
  -- Snapshot of B's resident record at application time, exactly as registered there.
  family_name                 text not null,
  given_name                  text not null,
  family_name_kana            text not null,
  given_name_kana             text not null,
  name_key                    text not null,     -- folded, to find the member in A's registers
  birth_date                  date not null,
  sex                         text not null check (sex in ('M', 'F')),
  postal_code                 char(7) not null,
  address                     text not null,
  katagaki                    text,
  -- What the applicant typed, kept as typed; the keys are folded for matching only.
  honseki                     text not null,
  honseki_key                 text not null,
  hittosha                    text not null,
  hittosha_key                text not null,
  kiosk_id                    text not null,
  idempotency_key             text not null,
  request_hash                text not null,
  status                      text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  applied_at                  timestamptz not null,
  decided_at                  timestamptz,
  decided_by                  text,
  koseki_id                   bigint,
  member_no                   integer,
  usable_from                 timestamptz,       -- kiosks issue from this instant on
  rejection_reason            text check (rejection_reason in
                                ('honseki_mismatch', 'hittosha_mismatch', 'no_matching_person', 'other')),
  rejection_note              text,
  primary key (municipality_code, registration_id),
  unique (municipality_code, idempotency_key),
  foreign key (municipality_code, koseki_id, member_no)
    references koseki_member (municipality_code, koseki_id, member_no),
  check ((status = 'pending') = (decided_at is null and decided_by is null)),
  check ((status = 'approved') = (koseki_id is not null and member_no is not null and usable_from is not null)),
  check ((status = 'rejected') = (rejection_reason is not null)),
  check (rejection_reason is distinct from 'other' or rejection_note is not null)
);
-- One open (pending or approved) application per card certificate and 本籍地;
-- a rejected one does not count, so the applicant may apply again.
create unique index koseki_user_registration_open on koseki_user_registration
  (municipality_code, applicant_municipality_code, card_serial, certificate_serial)
  where status in ('pending', 'approved');
-- The kiosk menu: every 本籍地 where this card has a registration.
create index koseki_user_registration_card on koseki_user_registration
  (applicant_municipality_code, card_serial);
-- The reviewers' queue.
create index koseki_user_registration_queue on koseki_user_registration
  (municipality_code, status, applied_at);
-- Reviewers look registers up by the typed 本籍 (folded); 筆頭者 already has its trigram index.
create index koseki_honseki_key on koseki (municipality_code, honseki_key);
