-- Kiosk sales: what happened after a kiosk issuance was paid and committed.
-- A paid certificate ends printed, reprinted within the window, or refunded;
-- never charged without a certificate.
create table kiosk_sale (
  municipality_code  char(6) not null,
  issuance_id        uuid not null,
  kiosk_id           text not null,
  amount             integer not null check (amount >= 0),
  status             text not null check (status in ('issued', 'printed', 'print_failed', 'refunded')),
  print_attempts     integer not null default 0,
  reprint_until      timestamptz not null,
  printed_at         timestamptz,
  refunded_at        timestamptz,
  refund_reason      text,
  updated_at         timestamptz not null,
  primary key (municipality_code, issuance_id),
  foreign key (municipality_code, issuance_id) references issuance(municipality_code, issuance_id)
);
create index kiosk_sale_open on kiosk_sale (kiosk_id, status) where status in ('issued', 'print_failed');
