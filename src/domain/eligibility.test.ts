import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_TYPES,
  CERTIFICATES,
  type CertificateType,
  certificateOptionsSchema,
} from './certificates.js';
import { CHANNELS } from './channel-rules.js';
import {
  checkEligibility,
  checkLawfulReason,
  type EligibilityInput,
  LAWFUL_REASONS,
  type LawfulReason,
  REQUESTER_RELATIONS,
  type Requester,
  type Subject,
} from './eligibility.js';

const reason: LawfulReason = { kind: 'exercise_of_rights', detail: '貸金返還請求訴訟の提起のため' };

function input(
  certificate: CertificateType,
  requester: Partial<Requester> = {},
  subject: Subject = {},
  rest: Partial<EligibilityInput> = {},
): EligibilityInput {
  return {
    certificate,
    channel: 'counter',
    requester: { relation: 'self', identityVerified: true, ...requester },
    subject: { record: CERTIFICATES[certificate].record, ...subject },
    ...rest,
  };
}

const codesOf = (i: EligibilityInput) => {
  const d = checkEligibility(i);
  return d.ok ? [] : d.refusals.map((r) => r.code);
};

describe('住民票 (resident register)', () => {
  it('is free for the person and the household', () => {
    expect(checkEligibility(input('juminhyo'))).toMatchObject({ ok: true, basis: 'self' });
    expect(checkEligibility(input('juminhyo', { relation: 'same_household' }))).toMatchObject({
      ok: true,
      basis: 'household',
    });
  });

  it('needs a 委任状 from an agent', () => {
    expect(codesOf(input('juminhyo', { relation: 'agent' }))).toEqual(['power_of_attorney_required']);
    expect(checkEligibility(input('juminhyo', { relation: 'agent', powerOfAttorney: true }))).toMatchObject({
      ok: true,
      basis: 'power_of_attorney',
    });
  });

  it('needs a lawful reason from anyone else, relatives outside the household included', () => {
    for (const relation of ['third_party', 'spouse', 'lineal_descendant'] as const) {
      expect(codesOf(input('juminhyo', { relation }))).toEqual(['lawful_reason_required']);
      expect(checkEligibility(input('juminhyo', { relation, lawfulReason: reason }))).toMatchObject({
        ok: true,
        basis: 'lawful_reason',
      });
    }
    expect(codesOf(input('juminhyo-johyo', { relation: 'third_party' }))).toEqual(['lawful_reason_required']);
  });

  it('tells the person when a copy went to a third party, if they asked (本人通知制度)', () => {
    const third = input(
      'juminhyo',
      { relation: 'third_party', lawfulReason: reason },
      { notifyOnThirdParty: true },
    );
    expect(checkEligibility(third)).toMatchObject({ ok: true, notifySubject: true });
    expect(checkEligibility(input('juminhyo', {}, { notifyOnThirdParty: true }))).toMatchObject({
      notifySubject: false,
    });
    expect(
      checkEligibility(input('juminhyo', { relation: 'third_party', lawfulReason: reason })),
    ).toMatchObject({
      notifySubject: false,
    });
  });

  it('points to the 除票 when the record was removed', () => {
    const d = checkEligibility(input('juminhyo', {}, { record: 'removed' }));
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.refusals[0]?.code).toBe('record_removed');
      expect(d.refusals[0]?.ja).toContain('除票');
    }
    expect(codesOf(input('koseki-zenbu', {}, { record: 'pre_revision' }))).toEqual(['record_pre_revision']);
    expect(codesOf(input('koseki-joseki', {}, { record: 'current' }))).toEqual(['record_current']);
  });
});

describe('lawful reasons', () => {
  it('must be concrete, of a known kind, with credentials for professionals and the body for official requests', () => {
    expect(checkLawfulReason(reason)).toEqual([]);
    expect(checkLawfulReason({ kind: 'performance_of_duty', detail: ' 　' }).map((r) => r.code)).toEqual([
      'lawful_reason_vague',
    ]);
    expect(
      checkLawfulReason({ kind: 'gossip' as never, detail: '近所の噂の確認のため' }).map((r) => r.code),
    ).toEqual(['lawful_reason_unknown']);
    expect(
      checkLawfulReason({ kind: 'professional_duty', detail: '受任事件の遂行のため' }).map((r) => r.code),
    ).toEqual(['professional_credentials_required']);
    expect(
      checkLawfulReason({
        kind: 'professional_duty',
        detail: '受任事件の遂行のため',
        professional: { profession: 'judicial_scrivener', registrationNo: '東京第1234号' },
      }),
    ).toEqual([]);
    expect(
      checkLawfulReason({ kind: 'official_request', detail: '固定資産税の課税のため' }).map((r) => r.code),
    ).toEqual(['authority_required']);
    expect(LAWFUL_REASONS).toContain('submission_to_authority');
  });
});

describe('戸籍 and 附票', () => {
  it('are free for the person, the spouse and lineal relatives', () => {
    for (const relation of ['self', 'spouse', 'lineal_ascendant', 'lineal_descendant'] as const) {
      for (const certificate of [
        'koseki-zenbu',
        'koseki-kojin',
        'fuhyo',
        'koseki-joseki',
        'koseki-kaiseigen',
      ] as const) {
        expect(checkEligibility(input(certificate, { relation })).ok).toBe(true);
      }
    }
    expect(checkEligibility(input('koseki-zenbu', { relation: 'lineal_ascendant' }))).toMatchObject({
      basis: 'relative',
    });
  });

  it('need a reason from siblings and other household members', () => {
    expect(codesOf(input('koseki-zenbu', { relation: 'same_household' }))).toEqual([
      'lawful_reason_required',
    ]);
    expect(codesOf(input('fuhyo', { relation: 'third_party' }))).toEqual(['lawful_reason_required']);
    expect(checkEligibility(input('fuhyo', { relation: 'third_party', lawfulReason: reason })).ok).toBe(true);
  });
});

describe('印鑑登録証明書', () => {
  it('goes to the registrant, or at the counter to whoever brings the card', () => {
    const active: Subject = { sealRegistration: 'active' };
    expect(checkEligibility(input('inkan', {}, active))).toMatchObject({ ok: true, basis: 'self' });
    expect(checkEligibility(input('inkan', { relation: 'agent' }, active))).toMatchObject({
      ok: true,
      basis: 'seal_card',
      notifySubject: false,
    });
    expect(codesOf(input('inkan', { relation: 'agent' }, active, { channel: 'kiosk' }))).toEqual([
      'inkan_agent_counter_only',
    ]);
    expect(codesOf(input('inkan', { relation: 'third_party', lawfulReason: reason }, active))).toEqual([
      'inkan_registrant_only',
    ]);
  });

  it('needs a registration in force', () => {
    expect(codesOf(input('inkan', {}, { sealRegistration: 'none' }))).toEqual(['seal_not_registered']);
    expect(codesOf(input('inkan', {}, { sealRegistration: 'abolished' }))).toEqual(['seal_abolished']);
    expect(codesOf(input('inkan'))).toEqual(['seal_not_registered']);
  });
});

describe('課税(非課税)証明書', () => {
  const options = certificateOptionsSchema.parse({ certificate: 'kazei', taxYear: 2024 });

  it('issues a 課税証明書 or a 非課税証明書 from the record', () => {
    expect(checkEligibility(input('kazei', {}, { taxStatus: 'assessed' }, { options }))).toMatchObject({
      ok: true,
      kazeiVariant: 'kazei',
    });
    expect(checkEligibility(input('kazei', {}, { taxStatus: 'exempt' }, { options }))).toMatchObject({
      ok: true,
      kazeiVariant: 'hikazei',
    });
  });

  it('refuses an undeclared year with the reason and the way out', () => {
    const d = checkEligibility(input('kazei', {}, { taxStatus: 'undeclared' }, { options }));
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.refusals[0]?.code).toBe('tax_undeclared');
      expect(d.refusals[0]?.ja).toContain('令和6年度');
      expect(d.refusals[0]?.ja).toContain('申告');
      expect(d.refusals[0]?.en).toContain('2024');
    }
    expect(codesOf(input('kazei', {}, { taxStatus: 'none' }))).toEqual(['tax_record_missing']);
  });

  it('goes to the person, the household, or an agent with a 委任状, never to a third party', () => {
    const assessed: Subject = { taxStatus: 'assessed' };
    expect(checkEligibility(input('kazei', { relation: 'same_household' }, assessed)).ok).toBe(true);
    expect(checkEligibility(input('kazei', { relation: 'agent', powerOfAttorney: true }, assessed)).ok).toBe(
      true,
    );
    expect(codesOf(input('kazei', { relation: 'agent' }, assessed))).toEqual(['power_of_attorney_required']);
    expect(codesOf(input('kazei', { relation: 'third_party', lawfulReason: reason }, assessed))).toEqual([
      'kazei_not_for_others',
    ]);
    expect(codesOf(input('kazei', { relation: 'spouse' }, assessed))).toEqual(['kazei_not_for_others']);
  });
});

describe('支援措置 (support measures)', () => {
  const protectedPerson: Subject = { supportMeasure: true };
  const override = { reviewerId: 'staff-042', reason: '本人同意書を確認済み' };

  it('lets the person through at the counter and by mail', () => {
    expect(checkEligibility(input('juminhyo', {}, protectedPerson)).ok).toBe(true);
    expect(
      checkEligibility(
        input('juminhyo', { relation: 'same_household' }, protectedPerson, { channel: 'mail' }),
      ).ok,
    ).toBe(true);
  });

  it('holds agents, third parties and relatives for review', () => {
    expect(codesOf(input('juminhyo', { relation: 'agent', powerOfAttorney: true }, protectedPerson))).toEqual(
      ['support_measure_review'],
    );
    expect(codesOf(input('fuhyo', { relation: 'spouse' }, protectedPerson))).toEqual([
      'support_measure_review',
    ]);
    expect(
      codesOf(input('juminhyo', { relation: 'third_party', lawfulReason: reason }, protectedPerson)),
    ).toEqual(['support_measure_review']);
  });

  it('refuses kiosks and online even for the person', () => {
    expect(codesOf(input('juminhyo', {}, protectedPerson, { channel: 'kiosk' }))).toEqual([
      'support_measure_channel',
    ]);
    expect(codesOf(input('koseki-zenbu', {}, protectedPerson, { channel: 'online' }))).toEqual([
      'support_measure_channel',
    ]);
  });

  it('allows one request with a reviewer override, and returns it for the audit log', () => {
    const d = checkEligibility(
      input('juminhyo', { relation: 'agent', powerOfAttorney: true }, protectedPerson, { override }),
    );
    expect(d).toMatchObject({ ok: true, basis: 'power_of_attorney', overrideUsed: override });
    expect(
      codesOf(
        input('juminhyo', { relation: 'agent', powerOfAttorney: true }, protectedPerson, {
          override: { reviewerId: ' ', reason: '確認済み' },
        }),
      ),
    ).toEqual(['support_measure_override_invalid']);
    expect(
      codesOf(
        input('juminhyo', { relation: 'agent', powerOfAttorney: true }, protectedPerson, {
          override: { reviewerId: 'staff-042', reason: 'ok' },
        }),
      ),
    ).toEqual(['support_measure_override_invalid']);
    // An override lifts the support measure, not the other rules.
    expect(codesOf(input('juminhyo', { relation: 'agent' }, protectedPerson, { override }))).toEqual([
      'power_of_attorney_required',
    ]);
  });
});

describe('every relation, certificate and channel (property)', () => {
  const arb = fc.record({
    certificate: fc.constantFrom(...CERTIFICATE_TYPES),
    channel: fc.constantFrom(...CHANNELS),
    relation: fc.constantFrom(...REQUESTER_RELATIONS),
    powerOfAttorney: fc.boolean(),
    withReason: fc.boolean(),
    supportMeasure: fc.boolean(),
    withOverride: fc.boolean(),
    seal: fc.constantFrom('active', 'none', 'abolished'),
    tax: fc.constantFrom('assessed', 'exempt', 'undeclared', 'none'),
  });

  it('answers in both languages and keeps a support measure shut without an override', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const i = input(
          a.certificate,
          {
            relation: a.relation,
            powerOfAttorney: a.powerOfAttorney,
            ...(a.withReason ? { lawfulReason: reason } : {}),
          },
          { supportMeasure: a.supportMeasure, sealRegistration: a.seal, taxStatus: a.tax },
          {
            channel: a.channel,
            ...(a.withOverride ? { override: { reviewerId: 'r1', reason: '審査済みのため' } } : {}),
          },
        );
        const d = checkEligibility(i);
        if (!d.ok) {
          for (const r of d.refusals) {
            expect(r.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
            expect(r.en).toMatch(/[A-Za-z]{3,}/);
          }
        }
        const personalAtDesk =
          (a.relation === 'self' || a.relation === 'same_household') &&
          (a.channel === 'counter' || a.channel === 'mail');
        if (a.supportMeasure && !personalAtDesk && !a.withOverride) expect(d.ok).toBe(false);
        const codes = d.ok ? [] : d.refusals.map((r) => r.code);
        if (!a.supportMeasure || a.withOverride)
          expect(codes.some((c) => c.startsWith('support_measure'))).toBe(false);
        if (d.ok && (a.relation === 'third_party' || a.relation === 'agent')) {
          expect(a.certificate === 'inkan' || a.withReason || a.powerOfAttorney).toBe(true);
        }
        if (d.ok && a.certificate === 'kazei')
          expect(d.kazeiVariant).toBe(a.tax === 'exempt' ? 'hikazei' : 'kazei');
      }),
      { numRuns: 3000 },
    );
  });
});
