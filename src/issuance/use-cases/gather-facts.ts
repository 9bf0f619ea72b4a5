import type { Kysely, Selectable } from 'kysely';
import type {
  DB,
  FuhyoEntryTable,
  KosekiEventTable,
  KosekiMemberTable,
  KosekiTable,
  MunicipalityTable,
  ResidentEventTable,
  ResidentTable,
  SealRegistrationTable,
  TaxRecordTable,
} from '../../db/schema.js';
import { CERTIFICATES, type CertificateOptions } from '../../domain/certificates.js';
import {
  findActiveSeal,
  findKoseki,
  findKosekiIdsOfResident,
  findMunicipality,
  findTaxRecord,
} from '../../registry/data/records.repository.js';
import {
  findResident,
  listHouseholdMembers,
  listResidentEvents,
} from '../../registry/data/resident.repository.js';
import { AppError } from '../../shared/errors.js';
import type { IssueRequest } from '../http/issuance.schemas.js';

export interface KosekiFacts {
  koseki: Selectable<KosekiTable>;
  members: Selectable<KosekiMemberTable>[];
  events: Selectable<KosekiEventTable>[];
  fuhyo: Selectable<FuhyoEntryTable>[];
}

/** Everything the rules and the certificate need, read in one go. */
export interface IssuanceFacts {
  municipality: Selectable<MunicipalityTable>;
  subject?: Selectable<ResidentTable>;
  /** Members printed on a 住民票 (the household, or the chosen ones), head first. */
  householdMembers: Selectable<ResidentTable>[];
  eventsByResident: Map<number, Selectable<ResidentEventTable>[]>;
  koseki?: KosekiFacts;
  seal?: Selectable<SealRegistrationTable>;
  tax?: Selectable<TaxRecordTable>;
  requesterResident?: Selectable<ResidentTable>;
  /** Register memberships of the requester and of the subject, to judge 戸籍 relations. */
  requesterKosekiIds: number[];
  /** Resident records of the register's members who live here: their 支援措置 and 本人通知 flags count too. */
  kosekiResidents: Selectable<ResidentTable>[];
}

const notFound = (ja: string, en: string) =>
  new AppError('not_found', 'issuance_subject_not_found', { ja, en });

const OLD_REGISTERS = {
  pre_revision: {
    status: 'kaisei_gen',
    code: 'no_kaiseigen_register',
    ja: '改製原戸籍',
    en: 'pre-revision register (改製原戸籍)',
  },
  removed: { status: 'closed', code: 'no_joseki_register', ja: '除籍', en: 'closed register (除籍)' },
} as const;

/**
 * The person's 改製原戸籍 or 除籍 when the request names the person only. Someone may be
 * on several (their parents' register and their own before the 改製): then the request
 * must name the register, as the counter does from the person's card.
 */
function oldRegisterOf(
  memberships: { koseki_id: number; koseki_status: string }[],
  record: keyof typeof OLD_REGISTERS,
): number {
  const wanted = OLD_REGISTERS[record];
  const ids = [
    ...new Set(memberships.filter((m) => m.koseki_status === wanted.status).map((m) => m.koseki_id)),
  ];
  if (ids.length === 0)
    throw new AppError('unprocessable', wanted.code, {
      ja: `この方が記録されている${wanted.ja}はありません。`,
      en: `This person is not recorded in any ${wanted.en}.`,
    });
  if (ids.length > 1)
    throw new AppError(
      'unprocessable',
      'register_choice_required',
      {
        ja: `この方が記録されている${wanted.ja}は${ids.length}件あります。請求する戸籍（本籍・筆頭者）を指定してください。`,
        en: `This person is recorded in ${ids.length} registers of this kind; name the register (本籍 and 筆頭者) to certify.`,
      },
      { extra: { kosekiIds: ids } },
    );
  return ids[0]!;
}

export async function gatherFacts(db: Kysely<DB>, request: IssueRequest): Promise<IssuanceFacts> {
  const code = request.municipalityCode;
  const options: CertificateOptions = request.options;
  const registry = CERTIFICATES[options.certificate].registry;
  const municipality = await findMunicipality(db, code);
  if (!municipality)
    throw new AppError('not_found', 'municipality_not_served', {
      ja: 'この自治体の証明書は取り扱っていません。',
      en: 'This municipality is not served here.',
    });
  const facts: IssuanceFacts = {
    municipality,
    householdMembers: [],
    eventsByResident: new Map(),
    requesterKosekiIds: [],
    kosekiResidents: [],
  };

  if (request.requester.residentId !== undefined) {
    facts.requesterResident = await findResident(db, code, request.requester.residentId);
    if (!facts.requesterResident)
      throw notFound('請求者の住民記録が見つかりません。', 'The requester has no resident record here.');
    facts.requesterKosekiIds = (await findKosekiIdsOfResident(db, code, request.requester.residentId)).map(
      (r) => r.koseki_id,
    );
  }

  if (registry === 'family_register' || registry === 'family_register_annex') {
    let kosekiId = request.subject.kosekiId;
    if (kosekiId === undefined && request.subject.residentId !== undefined) {
      const memberships = await findKosekiIdsOfResident(db, code, request.subject.residentId);
      const record = CERTIFICATES[options.certificate].record;
      kosekiId =
        record === 'current'
          ? (memberships.find((m) => m.status === 'in')?.koseki_id ?? memberships[0]?.koseki_id)
          : oldRegisterOf(memberships, record);
    }
    const koseki = kosekiId === undefined ? undefined : await findKoseki(db, code, kosekiId);
    if (!koseki) throw notFound('該当する戸籍がありません。', 'There is no such family register.');
    facts.koseki = koseki;
    const linked = koseki.members.flatMap((m) => (m.resident_id === null ? [] : [m.resident_id]));
    for (const residentId of linked) {
      const resident = await findResident(db, code, residentId);
      if (resident) facts.kosekiResidents.push(resident);
    }
    return facts;
  }

  if (request.subject.residentId === undefined)
    throw new AppError('invalid', 'issuance_subject_missing', {
      ja: '証明の対象となる住民を指定してください。',
      en: 'Name the resident the certificate is about.',
    });
  const subject = await findResident(db, code, request.subject.residentId);
  if (!subject) throw notFound('該当する住民の記録がありません。', 'There is no such resident record.');
  facts.subject = subject;

  if (
    options.certificate === 'juminhyo' ||
    options.certificate === 'juminhyo-kisai' ||
    options.certificate === 'juminhyo-johyo'
  ) {
    const everyone = await listHouseholdMembers(db, code, subject.household_id, {
      includeRemoved: options.certificate === 'juminhyo-johyo',
    });
    const chosen =
      options.certificate === 'juminhyo' && options.scope === 'household'
        ? everyone.filter((r) => r.status === 'active')
        : 'residentIds' in options && options.residentIds
          ? options.residentIds.map((id) => {
              const member = everyone.find((r) => r.resident_id === id);
              if (!member)
                throw new AppError('unprocessable', 'member_not_in_household', {
                  ja: '選ばれた方は、この世帯の住民ではありません。',
                  en: 'A chosen person is not a member of this household.',
                });
              return member;
            })
          : [subject];
    facts.householdMembers = chosen;
    for (const member of chosen)
      facts.eventsByResident.set(member.resident_id, await listResidentEvents(db, code, member.resident_id));
  }
  if (options.certificate === 'inkan') facts.seal = await findActiveSeal(db, code, subject.resident_id);
  if (options.certificate === 'kazei')
    facts.tax = await findTaxRecord(db, code, subject.resident_id, options.taxYear);
  return facts;
}
