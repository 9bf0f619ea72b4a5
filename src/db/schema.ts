import type { ColumnType, Generated } from 'kysely';

/** Dates are ISO strings (YYYY-MM-DD) in both drivers: no time zone games. */
export type IsoDate = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, T | string, T | string>;

export interface MunicipalityTable {
  code: string;
  name: string;
  name_kana: string;
  prefecture: string;
  mayor_title: Generated<string>;
  mayor_name: string;
  office_address: string;
  postal_code: string;
  phone: string;
  created_at: Generated<Date>;
}

export interface HouseholdTable {
  municipality_code: string;
  household_id: number;
  head_resident_id: number | null;
  created_on: IsoDate;
}

export type ResidentStatus = 'active' | 'moved_out' | 'deceased';

export interface ResidentTable {
  municipality_code: string;
  resident_id: number;
  juminhyo_code: string;
  kojin_bango: string | null;
  household_id: number;
  relationship: string;
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  name_key: string;
  kana_key: string;
  birth_date: IsoDate;
  sex: 'M' | 'F';
  postal_code: string;
  address: string;
  katagaki: string | null;
  address_key: string;
  resident_since: IsoDate;
  address_since: IsoDate;
  notified_on: IsoDate | null;
  previous_address: string | null;
  honseki: string | null;
  hittosha: string | null;
  status: Generated<ResidentStatus>;
  removed_on: IsoDate | null;
  removal_reason: string | null;
  moved_to_address: string | null;
  is_foreign: Generated<boolean>;
  nationality: string | null;
  residence_status: string | null;
  residence_period_end: IsoDate | null;
  tsusho: string | null;
  name_alphabet: string | null;
  support_measure: Generated<boolean>;
  notify_on_third_party: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ResidentEventType =
  | 'tennyu'
  | 'tenkyo'
  | 'tenshutsu'
  | 'shussei'
  | 'shibou'
  | 'setai_henko'
  | 'shokken_shusei'
  | 'kika';

export interface ResidentEventTable {
  municipality_code: string;
  resident_id: number;
  seq: number;
  event_type: ResidentEventType;
  event_date: IsoDate;
  notified_on: IsoDate | null;
  details: Json;
  recorded_at: Generated<Date>;
}

export interface KosekiTable {
  municipality_code: string;
  koseki_id: number;
  honseki: string;
  hittosha: string;
  honseki_key: string;
  hittosha_key: string;
  status: Generated<'active' | 'closed' | 'kaisei_gen'>;
  compiled_on: IsoDate;
  closed_on: IsoDate | null;
  closed_reason: string | null;
}

export interface KosekiMemberTable {
  municipality_code: string;
  koseki_id: number;
  member_no: number;
  family_name: string;
  given_name: string;
  birth_date: IsoDate;
  sex: 'M' | 'F';
  father_name: string | null;
  mother_name: string | null;
  relationship: string;
  status: Generated<'in' | 'removed'>;
  removed_reason: string | null;
  resident_id: number | null;
  juminhyo_code: string | null;
}

export type KosekiEventType =
  | 'hensei'
  | 'kaisei'
  | 'shussei'
  | 'konin'
  | 'rikon'
  | 'yoshi_engumi'
  | 'rien'
  | 'shibou'
  | 'nyuseki'
  | 'joseki'
  | 'tenseki'
  | 'bunseki'
  | 'ninchi';

export interface KosekiEventTable {
  municipality_code: string;
  koseki_id: number;
  member_no: number;
  seq: number;
  event_type: KosekiEventType;
  event_date: IsoDate;
  details: Json;
}

export interface FuhyoEntryTable {
  municipality_code: string;
  koseki_id: number;
  member_no: number;
  seq: number;
  address: string;
  address_since: IsoDate;
}

export interface SealRegistrationTable {
  municipality_code: string;
  registration_no: number;
  resident_id: number;
  card_no: string;
  impression_png: Uint8Array;
  registered_on: IsoDate;
  status: Generated<'active' | 'abolished'>;
  abolished_on: IsoDate | null;
  abolished_reason: string | null;
}

export interface TaxRecordTable {
  municipality_code: string;
  resident_id: number;
  tax_year: number;
  status: 'assessed' | 'exempt' | 'undeclared';
  salary_income: number;
  salary_deduction_net: number;
  other_income: number;
  total_income: number;
  deductions_total: number;
  taxable_income: number;
  municipal_tax: number;
  prefectural_tax: number;
  dependents: number;
}

export type CardStatus = 'active' | 'pin_locked' | 'suspended' | 'revoked' | 'expired';

export interface MynumberCardTable {
  municipality_code: string;
  card_serial: string;
  resident_id: number;
  certificate_pem: string;
  certificate_serial: string;
  not_before: Timestamp;
  not_after: Timestamp;
  status: Generated<CardStatus>;
  issued_on: IsoDate;
}

export interface SchemaMigrationTable {
  name: string;
  applied_at: Generated<Date>;
}

export interface DB {
  kiosk_sale: KioskSaleTable;
  municipality: MunicipalityTable;
  household: HouseholdTable;
  resident: ResidentTable;
  resident_event: ResidentEventTable;
  koseki: KosekiTable;
  koseki_member: KosekiMemberTable;
  koseki_event: KosekiEventTable;
  fuhyo_entry: FuhyoEntryTable;
  seal_registration: SealRegistrationTable;
  tax_record: TaxRecordTable;
  mynumber_card: MynumberCardTable;
  schema_migration: SchemaMigrationTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  signing_identity: SigningIdentityTable;
  fee_schedule: FeeScheduleTable;
  fee_campaign: FeeCampaignTable;
  issue_counter: IssueCounterTable;
  issuance: IssuanceTable;
  ledger_entry: LedgerEntryTable;
  jpki_trusted_ca: JpkiTrustedCaTable;
  jpki_revoked_certificate: JpkiRevokedCertificateTable;
  kiosk: KioskTable;
  kiosk_event: KioskEventTable;
  kiosk_request_nonce: KioskRequestNonceTable;
  card_auth_challenge: CardAuthChallengeTable;
  card_auth_attempt: CardAuthAttemptTable;
  card_session: CardSessionTable;
  rate_limit_bucket: RateLimitBucketTable;
  staff_account: StaffAccountTable;
  staff_session: StaffSessionTable;
  staff_login_attempt: StaffLoginAttemptTable;
  notification: NotificationTable;
  notification_counter: NotificationCounterTable;
  procedure_rule: ProcedureRuleTable;
  document_counter: DocumentCounterTable;
  counter_transaction: CounterTransactionTable;
  counter_line: CounterLineTable;
  counter_receipt: CounterReceiptTable;
  support_override: SupportOverrideTable;
  mail_request: MailRequestTable;
  mail_item: MailItemTable;
  mail_remittance: MailRemittanceTable;
  mail_event: MailEventTable;
  outgoing_letter: OutgoingLetterTable;
  service_hours: ServiceHoursTable;
  koseki_user_registration: KosekiUserRegistrationTable;
}

export interface AuditLogTable {
  municipality_code: string;
  seq: number;
  occurred_at: Timestamp;
  actor_type: 'staff' | 'resident' | 'kiosk' | 'system' | 'public';
  actor_id: string;
  terminal_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  reason: string | null;
  details: Json;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  municipality_code: string;
  last_seq: number;
  last_hash: string;
}

export interface SigningIdentityTable {
  municipality_code: string;
  certificate_chain_pem: string;
  encrypted_private_key_pem: string;
  created_at: Generated<Date>;
}

export interface FeeScheduleTable {
  municipality_code: string;
  rule_id: string;
  certificate: string;
  channel: string;
  kiosk_kind: string | null;
  fee: number;
  basis: string | null;
  valid_from: IsoDate;
  valid_to: IsoDate | null;
}

export interface FeeCampaignTable {
  municipality_code: string;
  campaign_id: string;
  name: string;
  certificates: string[];
  channels: string[];
  kiosk_kinds: string[] | null;
  fee: number;
  valid_from: IsoDate;
  valid_to: IsoDate;
}

export interface IssueCounterTable {
  municipality_code: string;
  fiscal_year: number;
  last_number: number;
}

export type PaymentMethod = 'cash' | 'cashless' | 'card' | 'postal_order' | 'exempt';

export interface IssuanceTable {
  municipality_code: string;
  issuance_id: string;
  fiscal_year: number;
  issue_number: number;
  idempotency_key: string;
  request_hash: string;
  certificate: string;
  channel: string;
  terminal_id: string | null;
  clerk_id: string | null;
  requester: Json;
  subject_resident_id: number | null;
  subject_koseki_id: number | null;
  options: Json;
  copies: number;
  unit_fee: number;
  total_fee: number;
  fee_rule_id: string | null;
  fee_campaign_id: string | null;
  exemption: string | null;
  payment_method: PaymentMethod;
  verification_code: string;
  content_sha256: string;
  pages: number;
  render_input: Json<unknown>;
  issued_at: Timestamp;
  status: Generated<'issued' | 'voided'>;
}

export interface LedgerEntryTable {
  municipality_code: string;
  issuance_id: string;
  line_no: number;
  account: string;
  debit: number;
  credit: number;
  occurred_at: Timestamp;
}

// ---------------------------------------------------------------- identity (004-identity.sql)

export interface JpkiTrustedCaTable {
  ca_id: string;
  key_sha256: string;
  subject: string;
  certificate_pem: string;
  not_before: Timestamp;
  not_after: Timestamp;
  source: 'demo' | 'import';
  active: Generated<boolean>;
  crl_this_update: Timestamp | null;
  crl_next_update: Timestamp | null;
  added_at: Generated<Date>;
}

export interface JpkiRevokedCertificateTable {
  ca_key_sha256: string;
  certificate_serial: string;
  revoked_at: Timestamp;
  reason: string | null;
  imported_at: Timestamp;
}

export type KioskStatus = 'in_service' | 'out_of_service';

export interface KioskTable {
  kiosk_id: string;
  kind: 'store' | 'town_hall';
  operator_type: 'municipality' | 'store_operator';
  operator_municipality_code: string | null;
  operator_name: string;
  location: string;
  prefecture: string;
  in_city: boolean;
  public_key_pem: string;
  key_algorithm: 'ed25519' | 'ecdsa-p256';
  status: Generated<KioskStatus>;
  status_reason: string | null;
  status_changed_at: Timestamp;
  registered_at: Timestamp;
}

export interface KioskEventTable {
  kiosk_id: string;
  seq: number;
  occurred_at: Timestamp;
  actor: string;
  action: 'registered' | 'status_changed';
  status: KioskStatus;
  reason: string | null;
}

export interface KioskRequestNonceTable {
  kiosk_id: string;
  nonce: string;
  expires_at: Timestamp;
}

export interface CardAuthChallengeTable {
  challenge_id: string;
  nonce: Uint8Array;
  kiosk_id: string;
  municipality_code: string | null;
  certificate_sha256: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface CardAuthAttemptTable {
  attempt_id: string;
  occurred_at: Timestamp;
  kiosk_id: string;
  challenge_id: string | null;
  step: 'challenge' | 'complete' | 'card_locked';
  outcome: string;
  certificate_sha256: string | null;
  municipality_code: string | null;
}

export interface CardSessionTable {
  municipality_code: string;
  token_sha256: string;
  kiosk_id: string;
  card_serial: string;
  resident_id: number;
  created_at: Timestamp;
  last_used_at: Timestamp;
  idle_expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: string | null;
}

export interface RateLimitBucketTable {
  bucket_key: string;
  tokens: number;
  updated_at: Timestamp;
}

// ---------------------------------------------------------------- staff (005-staff.sql)

export type StaffStatus = 'active' | 'locked' | 'disabled';

export interface StaffAccountTable {
  municipality_code: string;
  staff_id: string;
  login_name: string;
  display_name: string;
  password_hash: string;
  password_salt: string;
  password_params: Json<{ N: number; r: number; p: number; keyLength: number }>;
  totp_secret_enc: string | null;
  totp_pending_enc: string | null;
  totp_last_step: number | null;
  roles: string[];
  status: Generated<StaffStatus>;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffSessionTable {
  municipality_code: string;
  token_sha256: string;
  staff_id: string;
  terminal_id: string;
  csrf_sha256: string;
  second_factor: boolean;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoke_reason: string | null;
}

export interface StaffLoginAttemptTable {
  attempt_id: Generated<number>;
  municipality_code: string;
  login_name: string;
  ip: string;
  occurred_at: Timestamp;
  outcome: 'success' | 'failure' | 'rate_limited';
}

// ---------------------------------------------------------------- notifications (006-notifications.sql)

export type NotificationKind = 'tennyu' | 'tenkyo' | 'tenshutsu';
export type NotificationPath = 'digital' | 'paper';
export type NotificationStatus =
  | 'draft'
  | 'submitted'
  | 'opened'
  | 'confirmed'
  | 'accepted'
  | 'rejected'
  | 'expired';

export interface NotificationTable {
  municipality_code: string;
  reference: string;
  kind: NotificationKind;
  path: NotificationPath;
  status: NotificationStatus;
  edit_secret_sha256: string | null;
  content: Json<unknown>;
  content_version: Generated<number>;
  clerk_edits: Generated<number>;
  transfer_record: Json<unknown> | null;
  match: Json<unknown> | null;
  signature: Json<unknown> | null;
  identity_document: Json<unknown> | null;
  seal: string;
  created_by: string;
  opened_by: string | null;
  finished_by: string | null;
  rejection_reason: string | null;
  notifier_age: number | null;
  result: Json<unknown> | null;
  certificate_number: string | null;
  certificate_code: string | null;
  certificate_sha256: string | null;
  certificate_pdf: Uint8Array | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  expires_at: Timestamp;
  received_at: Timestamp | null;
  entered_at: Timestamp | null;
  reviewed_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface NotificationCounterTable {
  municipality_code: string;
  fiscal_year: number;
  last_number: number;
}

export interface ProcedureRuleTable {
  municipality_code: string;
  rule_id: string;
  position: number;
  enabled: Generated<boolean>;
  definition: Json<unknown>;
  updated_at: Generated<Date>;
  updated_by: string;
}

export interface KioskSaleTable {
  municipality_code: string;
  issuance_id: string;
  kiosk_id: string;
  amount: number;
  status: 'issued' | 'printed' | 'print_failed' | 'refunded';
  print_attempts: Generated<number>;
  reprint_until: Timestamp;
  printed_at: Timestamp | null;
  refunded_at: Timestamp | null;
  refund_reason: string | null;
  updated_at: Timestamp;
}

// ---------------------------------------------------------------- counter, mail, admin (008-counter-mail.sql)

export interface DocumentCounterTable {
  municipality_code: string;
  series: 'receipt' | 'notice' | 'mail' | 'letter';
  fiscal_year: number;
  last_number: number;
}

export type CounterTransactionStatus = 'open' | 'paying' | 'paid' | 'cancelled';

export interface CounterTransactionTable {
  municipality_code: string;
  transaction_id: string;
  idempotency_key: string;
  status: CounterTransactionStatus;
  requester: Json;
  clerk_id: string;
  terminal_id: string | null;
  opened_at: Timestamp;
  payment_method: 'cash' | 'cashless' | null;
  tendered: number | null;
  payment_reference: string | null;
  paid_by: string | null;
  paid_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
}

export interface CounterLineTable {
  municipality_code: string;
  transaction_id: string;
  line_no: number;
  certificate: string;
  subject_resident_id: number | null;
  subject_koseki_id: number | null;
  line: Json;
  copies: number;
  quoted_total: number | null;
  review_required: Generated<boolean>;
  status: 'quoted' | 'issued' | 'removed';
  issuance_id: string | null;
  fee: number | null;
  issued_at: Timestamp | null;
}

export interface CounterReceiptTable {
  municipality_code: string;
  transaction_id: string;
  fiscal_year: number;
  receipt_number: number;
  printed_number: string;
  total: number;
  payment_method: 'cash' | 'cashless' | 'exempt';
  issued_at: Timestamp;
  content_sha256: string;
  pdf: Uint8Array;
}

export type SupportOverrideStatus = 'pending' | 'approved' | 'rejected';

export interface SupportOverrideTable {
  municipality_code: string;
  override_id: string;
  channel: 'counter' | 'mail';
  origin_id: string;
  origin_line: number;
  certificate: string;
  subject_resident_id: number | null;
  subject_koseki_id: number | null;
  relation: string;
  requester: Json;
  note: string;
  status: SupportOverrideStatus;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  used_issuance_id: string | null;
  used_at: Timestamp | null;
}

export type MailRequestStatus = 'received' | 'checked' | 'issued' | 'posted' | 'returned';

export interface MailRequestTable {
  municipality_code: string;
  request_id: string;
  idempotency_key: string;
  reference: string;
  status: MailRequestStatus;
  requester: Json;
  return_address: Json;
  received_on: IsoDate;
  fee_total: number | null;
  received_at: Timestamp;
  received_by: string;
  checked_at: Timestamp | null;
  checked_by: string | null;
  issued_at: Timestamp | null;
  issued_by: string | null;
  posted_at: Timestamp | null;
  posted_by: string | null;
  posting: Json | null;
  returned_at: Timestamp | null;
  returned_by: string | null;
  return_reason: string | null;
}

export interface MailItemTable {
  municipality_code: string;
  request_id: string;
  item_no: number;
  certificate: string;
  subject_resident_id: number | null;
  subject_koseki_id: number | null;
  line: Json;
  copies: number;
  quoted_total: number | null;
  review_required: Generated<boolean>;
  issuance_id: string | null;
  fee: number | null;
  issued_at: Timestamp | null;
}

export interface MailRemittanceTable {
  municipality_code: string;
  request_id: string;
  seq: number;
  kind: 'enclosed' | 'additional' | 'refund';
  amount: number;
  note: string | null;
  recorded_at: Timestamp;
  recorded_by: string;
}

export interface MailEventTable {
  municipality_code: string;
  request_id: string;
  seq: number;
  action: string;
  status: string;
  occurred_at: Timestamp;
  staff_id: string;
  note: string | null;
}

export type OutgoingLetterKind = 'self_notice' | 'mail_shortfall' | 'mail_returned';

export interface OutgoingLetterTable {
  municipality_code: string;
  letter_id: string;
  kind: OutgoingLetterKind;
  letter_number: string;
  issuance_id: string | null;
  recipient_resident_id: number | null;
  mail_request_id: string | null;
  certificate: string | null;
  status: 'queued' | 'printed';
  pages: number;
  content_sha256: string;
  pdf: Uint8Array;
  created_at: Timestamp;
  created_by: string;
  printed_at: Timestamp | null;
  printed_by: string | null;
}

export interface ServiceHoursTable {
  municipality_code: string;
  version: number;
  config: Json<unknown>;
  reason: string;
  recorded_at: Timestamp;
  recorded_by: string;
}

export type KosekiRegistrationStatus = 'pending' | 'approved' | 'rejected';
export type KosekiRegistrationRejection =
  | 'honseki_mismatch'
  | 'hittosha_mismatch'
  | 'no_matching_person'
  | 'other';

export interface KosekiUserRegistrationTable {
  municipality_code: string;
  registration_id: string;
  applicant_municipality_code: string;
  applicant_resident_id: number;
  card_serial: string;
  certificate_serial: string;
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  name_key: string;
  birth_date: IsoDate;
  sex: 'M' | 'F';
  postal_code: string;
  address: string;
  katagaki: string | null;
  honseki: string;
  honseki_key: string;
  hittosha: string;
  hittosha_key: string;
  kiosk_id: string;
  idempotency_key: string;
  request_hash: string;
  status: Generated<KosekiRegistrationStatus>;
  applied_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  koseki_id: number | null;
  member_no: number | null;
  usable_from: Timestamp | null;
  rejection_reason: KosekiRegistrationRejection | null;
  rejection_note: string | null;
}
