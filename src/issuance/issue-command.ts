import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { connect } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import {
  CERTIFICATE_TYPES,
  type CertificateOptionsInput,
  type CertificateType,
} from '../domain/certificates.js';
import { isValidJuminhyoCode } from '../domain/check-digits.js';
import { findKosekiIdsOfResident } from '../registry/data/records.repository.js';
import { findResidentByJuminhyoCode } from '../registry/data/resident.repository.js';
import { createServices } from '../services.js';
import { AppError } from '../shared/errors.js';
import { issueCertificate } from './use-cases/issue-certificate.js';
import { prepareMunicipalityForIssuance } from './use-cases/prepare-municipality.js';

const USAGE = `usage: madoguchi issue --type TYPE --resident 住民票コード --out FILE.pdf
         [--municipality CODE] [--include a,b] [--member N] [--tax-year YYYY] [--copies N] [--key IDEMPOTENCY-KEY]
types: ${CERTIFICATE_TYPES.join(', ')}
Issues at the counter channel as the operator, for the person themself.`;

function optionsFor(
  type: CertificateType,
  residentId: number,
  values: Record<string, string | undefined>,
): CertificateOptionsInput {
  const include = values.include ? values.include.split(',').map((s) => s.trim()) : [];
  switch (type) {
    case 'juminhyo':
      return { certificate: type, scope: 'household', include } as CertificateOptionsInput;
    case 'juminhyo-johyo':
      return { certificate: type, residentIds: [residentId], include } as CertificateOptionsInput;
    case 'juminhyo-kisai':
      return {
        certificate: type,
        residentIds: [residentId],
        items: include.length ? include : ['name', 'birthDate', 'sex', 'address'],
      } as CertificateOptionsInput;
    case 'inkan':
    case 'koseki-zenbu':
      return { certificate: type };
    case 'koseki-kojin':
      return { certificate: type, memberNo: Number(values.member ?? 1) };
    case 'koseki-joseki':
    case 'koseki-kaiseigen':
      return values.member
        ? { certificate: type, scope: 'member', memberNo: Number(values.member) }
        : { certificate: type, scope: 'all' };
    case 'fuhyo':
      return { certificate: type, scope: 'all', include } as CertificateOptionsInput;
    case 'kazei':
      return { certificate: type, taxYear: Number(values['tax-year'] ?? new Date().getFullYear() - 1) };
  }
}

/** `madoguchi issue`: one certificate to a file, through the same engine as every channel. */
export async function runIssueCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      type: { type: 'string' },
      resident: { type: 'string' },
      out: { type: 'string' },
      municipality: { type: 'string', default: config.demoMunicipality },
      include: { type: 'string' },
      member: { type: 'string' },
      'tax-year': { type: 'string' },
      copies: { type: 'string', default: '1' },
      key: { type: 'string' },
    },
    strict: true,
  });
  const type = values.type as CertificateType | undefined;
  if (!type || !CERTIFICATE_TYPES.includes(type) || !values.resident || !values.out) {
    console.error(USAGE);
    return 2;
  }
  if (!isValidJuminhyoCode(values.resident))
    throw new AppError('invalid', 'juminhyo_code_invalid', {
      ja: '住民票コードが正しくありません（11桁、検査数字）。',
      en: 'The 住民票コード is not valid (11 digits with a check digit).',
    });
  const database = await connect({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
  try {
    await migrate(database.db);
    const services = createServices(database, { ...config, renderWorkers: 0 });
    const code = values.municipality;
    const resident = await findResidentByJuminhyoCode(database.db, code, values.resident);
    if (!resident)
      throw new AppError('not_found', 'resident_not_found', {
        ja: 'この住民票コードの住民は見つかりません。',
        en: 'No resident has this 住民票コード.',
      });
    await prepareMunicipalityForIssuance(database.db, services.identities, code);
    // 除籍 and 改製原戸籍: the engine finds the person's closed or pre-revision register.
    const kosekiId =
      (type.startsWith('koseki') || type === 'fuhyo') &&
      type !== 'koseki-joseki' &&
      type !== 'koseki-kaiseigen'
        ? (await findKosekiIdsOfResident(database.db, code, resident.resident_id))[0]?.koseki_id
        : undefined;
    const issued = await issueCertificate(
      services.issuance,
      { type: 'system', id: 'cli-operator', terminalId: 'cli' },
      {
        municipalityCode: code,
        idempotencyKey: values.key ?? `cli-${randomUUID()}`,
        channel: 'counter',
        terminalId: 'cli',
        subject: kosekiId !== undefined ? { kosekiId } : { residentId: resident.resident_id },
        requester: {
          relation: 'self',
          identityVerified: true,
          residentId: resident.resident_id,
          presented: { sealCard: true },
        },
        options: optionsFor(type, resident.resident_id, values),
        copies: Number(values.copies),
        payment: 'cash',
      },
    );
    writeFileSync(values.out, issued.pdf);
    console.log(
      JSON.stringify(
        {
          file: values.out,
          issueNumber: issued.printedIssueNumber,
          verificationCode: issued.verificationCode,
          verificationUrl: issued.verificationUrl,
          pages: issued.pages,
          bytes: issued.pdf.byteLength,
          fee: issued.totalFee,
          sha256: issued.sha256,
          replayed: issued.replayed,
        },
        null,
        2,
      ),
    );
    return 0;
  } finally {
    await database.close();
  }
}
