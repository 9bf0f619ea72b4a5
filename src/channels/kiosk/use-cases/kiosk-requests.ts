import type { Kysely } from 'kysely';
import { appendAudit } from '../../../audit/index.js';
import type { DB } from '../../../db/schema.js';
import {
  CERTIFICATES,
  type CertificateOptionsInput,
  type CertificateType,
  certificateOptionsSchema,
} from '../../../domain/certificates.js';
import { certificatesAt, selectableItems } from '../../../domain/channel-rules.js';
import { priceIssuance } from '../../../domain/fees.js';
import {
  checkServiceHours,
  DEMO_SERVICE_HOURS,
  type ServiceHoursConfig,
} from '../../../domain/service-hours.js';
import type { AuthenticatedKiosk } from '../../../identity/index.js';
import { loadFeeCampaigns, loadFeeSchedule } from '../../../issuance/data/fees.repository.js';
import { tokyoDate } from '../../../issuance/domain/build-document.js';
import type { IssueRequestInput } from '../../../issuance/http/issuance.schemas.js';
import { findKosekiIdsOfResident, findMunicipality } from '../../../registry/data/records.repository.js';
import { findResident, listHouseholdMembers } from '../../../registry/data/resident.repository.js';
import { AppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import { listRegisterMembers } from '../../koseki-registration/data/koseki-registration.repository.js';
import {
  type CardHolder,
  checkKosekiRegistrationAccess,
  listUsableHonsekiMunicipalities,
} from '../../koseki-registration/index.js';

export interface KioskSessionPerson {
  /** The card holder's residence municipality. */
  municipalityCode: string;
  residentId: number;
  /** The session's card: access to a 本籍地's 戸籍 is granted per card (利用者登録). */
  cardSerial: string;
}

const KOSEKI_FAMILY: readonly CertificateType[] = [
  'koseki-zenbu',
  'koseki-kojin',
  'koseki-joseki',
  'koseki-kaiseigen',
  'fuhyo',
];

/**
 * The register a kiosk request for the 戸籍 family is made from: the one the
 * holder is in, else the first they were ever in here. The menu and the order
 * use the same rule, so a tile offered is one the order accepts.
 */
function kioskRegisterOf<R extends { status: string }>(registers: readonly R[]): R | undefined {
  return registers.find((r) => r.status === 'in') ?? registers[0];
}

/**
 * Why the 戸籍 family is not available to this holder from their residence
 * town: a foreign resident has no 戸籍; a Japanese one has it at their 本籍地.
 */
export type KosekiNotHere = 'no_koseki' | 'kept_by_honseki';

/** What a 本籍地 offers a registered non-resident at a kiosk: its 戸籍 and 附票, nothing of the resident register. */
export const HONSEKI_CERTIFICATES: readonly CertificateType[] = ['koseki-zenbu', 'koseki-kojin', 'fuhyo'];

function holderOf(kiosk: AuthenticatedKiosk, person: KioskSessionPerson): CardHolder {
  return {
    municipalityCode: person.municipalityCode,
    residentId: person.residentId,
    cardSerial: person.cardSerial,
    kioskId: kiosk.kioskId,
  };
}

const isHonseki = (person: KioskSessionPerson, municipalityCode: string | undefined) =>
  municipalityCode !== undefined && municipalityCode !== person.municipalityCode;

/**
 * The certificates of `municipalityCode` at this kind of kiosk now: each with
 * today's fee and whether it is open. A certificate without a fee rule is not
 * offered by that town at kiosks.
 */
async function certificateMenu(
  db: Kysely<DB>,
  kiosk: AuthenticatedKiosk,
  municipalityCode: string,
  at: Date,
  offered: (type: CertificateType) => boolean,
  hoursConfig: ServiceHoursConfig = DEMO_SERVICE_HOURS,
) {
  const schedule = await loadFeeSchedule(db, municipalityCode);
  const campaigns = await loadFeeCampaigns(db, municipalityCode);
  const today = tokyoDate(at);
  return certificatesAt('kiosk')
    .filter(offered)
    .map((type) => {
      const hours = checkServiceHours({
        channel: 'kiosk',
        certificate: type,
        at,
        kioskKind: kiosk.kind,
        config: hoursConfig,
      });
      let unitFee: number | null = null;
      try {
        unitFee = priceIssuance({
          schedule,
          campaigns,
          certificate: type,
          channel: 'kiosk',
          kioskKind: kiosk.kind,
          on: today,
          copies: 1,
        }).unitFee;
      } catch {
        unitFee = null; // no fee rule: this town does not offer it at kiosks
      }
      const info = CERTIFICATES[type];
      return {
        type,
        nameJa: info.nameJa,
        nameEn: info.nameEn,
        unitFee,
        open: hours.ok,
        ...(hours.ok
          ? {}
          : { reopensJa: hours.nextOpening?.ja ?? null, reopensEn: hours.nextOpening?.en ?? null }),
        items: type === 'juminhyo' || type === 'juminhyo-kisai' ? selectableItems(type, 'kiosk') : [],
        /** Set by the residence menu when the town keeps no 戸籍 of the holder. */
        notHere: null as KosekiNotHere | null,
      };
    })
    .filter((c) => c.unitFee !== null);
}

/**
 * What the card holder can get at this kiosk now. Without `municipalityCode`
 * (or with their own): their residence municipality's certificates, the
 * household members they may include — a read of those people's records,
 * audited — and the municipalities to choose from: the residence and every
 * 本籍地 where the card has an approved, usable 利用者登録. With a 本籍地's
 * code: that town's 戸籍 family only, after the server checked the
 * registration, and the register's members for the 個人事項 choice.
 * When the residence keeps no 戸籍 of the holder, its 戸籍-family tiles carry
 * `notHere` (why), from the same read of the holder's registers.
 */
export async function kioskMenu(
  db: Kysely<DB>,
  kiosk: AuthenticatedKiosk,
  person: KioskSessionPerson,
  at: Date,
  choice: { municipalityCode?: string | undefined; hours?: (code: string) => ServiceHoursConfig } = {},
) {
  const hoursOf = choice.hours ?? (() => DEMO_SERVICE_HOURS);
  if (isHonseki(person, choice.municipalityCode))
    return honsekiMenu(db, kiosk, person, at, choice.municipalityCode as string, hoursOf);
  const municipality = await findMunicipality(db, person.municipalityCode);
  const holder = await findResident(db, person.municipalityCode, person.residentId);
  if (!municipality || !holder)
    throw new AppError('not_found', 'resident_not_found', {
      ja: '住民記録が見つかりません。',
      en: 'No resident record was found.',
    });
  const certificates = await certificateMenu(
    db,
    kiosk,
    person.municipalityCode,
    at,
    () => true,
    hoursOf(person.municipalityCode),
  );
  const honseki = await listUsableHonsekiMunicipalities({ db, clock: () => at }, holderOf(kiosk, person));
  return db.transaction().execute(async (trx) => {
    const members = await listHouseholdMembers(trx, person.municipalityCode, holder.household_id);
    await appendAudit(trx, {
      municipalityCode: person.municipalityCode,
      actor: { type: 'kiosk', id: kiosk.kioskId, terminalId: kiosk.kioskId },
      action: 'resident.read',
      subjectType: 'household',
      subjectId: String(holder.household_id),
      reason: 'kiosk menu for the card holder',
    });
    // The holder's own 戸籍 here, for choosing whose 個人事項証明 to print.
    const memberships = await findKosekiIdsOfResident(trx, person.municipalityCode, holder.resident_id);
    const own = memberships.find((m) => m.status === 'in' && m.koseki_status === 'active');
    const registerMembers = own ? await listRegisterMembers(trx, person.municipalityCode, own.koseki_id) : [];
    // No register here: every tile of the 戸籍 family says so (kioskIssueRequest refuses them all the same).
    const notHere: KosekiNotHere | null = kioskRegisterOf(memberships)
      ? null
      : holder.is_foreign
        ? 'no_koseki'
        : 'kept_by_honseki';
    if (own)
      await appendAudit(trx, {
        municipalityCode: person.municipalityCode,
        actor: { type: 'kiosk', id: kiosk.kioskId, terminalId: kiosk.kioskId },
        action: 'koseki.read',
        subjectType: 'koseki',
        subjectId: String(own.koseki_id),
        reason: 'kiosk menu for the card holder',
      });
    return {
      municipality: { code: municipality.code, name: municipality.name, prefecture: municipality.prefecture },
      municipalities: [
        {
          code: municipality.code,
          name: municipality.name,
          prefecture: municipality.prefecture,
          residence: true,
          certificates: certificates.map((c) => c.type),
        },
        ...honseki.map((m) => ({ ...m, residence: false, certificates: [...HONSEKI_CERTIFICATES] })),
      ],
      kiosk: { kind: kiosk.kind, inCity: kiosk.inCity },
      certificates: certificates.map((c) =>
        notHere && KOSEKI_FAMILY.includes(c.type) ? { ...c, notHere } : c,
      ),
      household: members.map((m) => ({
        residentId: m.resident_id,
        familyName: m.family_name,
        givenName: m.given_name,
        relationship: m.relationship,
        self: m.resident_id === holder.resident_id,
      })),
      register: {
        members: registerMembers.map((m) => ({
          memberNo: m.member_no,
          familyName: m.family_name,
          givenName: m.given_name,
          relationship: m.relationship,
          self: m.member_no === own?.member_no,
        })),
      },
    };
  });
}

/** A 本籍地's menu: refused (pending, rejected, not yet usable, none) unless the registration allows it now. */
async function honsekiMenu(
  db: Kysely<DB>,
  kiosk: AuthenticatedKiosk,
  person: KioskSessionPerson,
  at: Date,
  municipalityCode: string,
  hoursOf: (code: string) => ServiceHoursConfig,
) {
  const access = await checkKosekiRegistrationAccess(
    { db, clock: () => at },
    holderOf(kiosk, person),
    municipalityCode,
    {
      purpose: 'kiosk menu',
      withMembers: true,
    },
  );
  const certificates = await certificateMenu(
    db,
    kiosk,
    municipalityCode,
    at,
    (type) => HONSEKI_CERTIFICATES.includes(type),
    hoursOf(municipalityCode),
  );
  return {
    municipality: access.municipality,
    kiosk: { kind: kiosk.kind, inCity: kiosk.inCity },
    certificates,
    household: [],
    register: { members: access.members ?? [] },
  };
}

export interface KioskOrder {
  options: CertificateOptionsInput;
  copies: number;
  /** A 本籍地 other than the residence; its 戸籍 needs an approved 利用者登録. */
  municipalityCode?: string | undefined;
}

/** Turns a kiosk order into an engine request for the card holder: the kiosk never chooses whose record. */
export async function kioskIssueRequest(
  db: Kysely<DB>,
  kiosk: AuthenticatedKiosk,
  person: KioskSessionPerson,
  order: KioskOrder,
  idempotencyKey: string,
  at: Date = new Date(),
): Promise<IssueRequestInput> {
  const options = parseInput(certificateOptionsSchema, order.options, 'options');
  if (isHonseki(person, order.municipalityCode))
    return honsekiIssueRequest(db, kiosk, person, order.municipalityCode as string, {
      options,
      copies: order.copies,
      idempotencyKey,
      at,
    });
  let subject: { residentId?: number; kosekiId?: number } = { residentId: person.residentId };
  if (KOSEKI_FAMILY.includes(options.certificate)) {
    const registers = await findKosekiIdsOfResident(db, person.municipalityCode, person.residentId);
    const current = kioskRegisterOf(registers);
    if (!current)
      throw new AppError('unprocessable', 'koseki_not_here', {
        ja: 'この市区町村に、あなたの戸籍はありません。本籍地の市区町村を選んでください。',
        en: 'Your family register is not kept by this municipality. Choose the municipality of your 本籍.',
      });
    subject = { kosekiId: current.koseki_id };
  }
  const chosen = 'residentIds' in options && options.residentIds ? options.residentIds : [];
  const relation = chosen.some((id) => id !== person.residentId) ? 'same_household' : 'self';
  return {
    municipalityCode: person.municipalityCode,
    idempotencyKey,
    channel: 'kiosk',
    kioskKind: kiosk.kind,
    terminalId: kiosk.kioskId,
    subject,
    requester: {
      relation,
      residentId: person.residentId,
      identityVerified: true,
      presented: { myNumberCard: true },
      residesInMunicipality: true,
    },
    options,
    copies: order.copies,
    payment: 'cash',
  };
}

/**
 * A 本籍地's 戸籍 for a card holder who lives elsewhere. The engine cannot
 * check such a requester against its registers (no resident record there), so
 * the facts it is given — approved registration, same register — come from
 * the registration the server has just checked, and the register is the one
 * the reviewer linked, never one the kiosk names.
 */
async function honsekiIssueRequest(
  db: Kysely<DB>,
  kiosk: AuthenticatedKiosk,
  person: KioskSessionPerson,
  municipalityCode: string,
  order: {
    options: CertificateOptionsInput & { certificate: CertificateType };
    copies: number;
    idempotencyKey: string;
    at: Date;
  },
): Promise<IssueRequestInput> {
  if (!HONSEKI_CERTIFICATES.includes(order.options.certificate))
    throw new AppError('unprocessable', 'honseki_certificate_not_offered', {
      ja: '本籍地の市区町村では、戸籍証明書（全部事項・個人事項）と戸籍の附票の写しだけを取得できます。',
      en: 'Only family-register certificates and the 附票 can be obtained from the municipality of your 本籍.',
    });
  const access = await checkKosekiRegistrationAccess(
    { db, clock: () => order.at },
    holderOf(kiosk, person),
    municipalityCode,
    { purpose: 'kiosk order' },
  );
  return {
    municipalityCode,
    idempotencyKey: order.idempotencyKey,
    channel: 'kiosk',
    kioskKind: kiosk.kind,
    terminalId: kiosk.kioskId,
    subject: { kosekiId: access.kosekiId },
    requester: {
      relation: 'self',
      identityVerified: true,
      presented: { myNumberCard: true },
      kosekiUserRegistration: 'approved',
      inSameKoseki: true,
      residesInMunicipality: false,
    },
    options: order.options,
    copies: order.copies,
    payment: 'cash',
  };
}
