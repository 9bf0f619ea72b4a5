import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { CERTIFICATE_TYPES, type CertificateType } from './certificates.js';
import { CHANNELS, type Channel, certificateAvailableAt } from './channel-rules.js';
import {
  assertValidFeeSchedule,
  changeFee,
  demoFeeSchedule,
  type FeeCampaign,
  type FeeRule,
  type FeeSchedule,
  priceIssuance,
  STORE_OPERATOR_CHARGES,
  validateFeeSchedule,
} from './fees.js';

const TOWN = '082082';
const demo = demoFeeSchedule(TOWN, '2015-04-01');

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

const price = (
  certificate: CertificateType,
  channel: Channel,
  extra: Partial<Parameters<typeof priceIssuance>[0]> = {},
) =>
  priceIssuance({
    schedule: demo,
    certificate,
    channel,
    on: '2024-06-10',
    copies: 1,
    ...(channel === 'kiosk' ? { kioskKind: 'store' as const } : {}),
    ...extra,
  });

describe('the demo town ordinance', () => {
  it('charges the counter price at the counter, by mail and online, and 100 yen less at kiosks', () => {
    const expected: Array<[CertificateType, number, number | null]> = [
      ['juminhyo', 300, 200],
      ['juminhyo-kisai', 300, 200],
      ['inkan', 300, 200],
      ['koseki-zenbu', 450, 350],
      ['koseki-kojin', 450, 350],
      ['fuhyo', 300, 200],
      ['kazei', 300, 200],
      ['juminhyo-johyo', 300, null],
      ['koseki-joseki', 750, null],
      ['koseki-kaiseigen', 750, null],
    ];
    for (const [certificate, counter, kiosk] of expected) {
      expect(price(certificate, 'counter').unitFee).toBe(counter);
      if (certificate !== 'inkan') {
        expect(price(certificate, 'mail').unitFee).toBe(counter);
      }
      if (kiosk === null) {
        expect(errorCode(() => price(certificate, 'kiosk'))).toBe('fee_not_defined');
        expect(errorCode(() => price(certificate, 'online'))).toBe('fee_not_defined');
      } else {
        expect(price(certificate, 'kiosk').unitFee).toBe(kiosk);
        expect(price(certificate, 'kiosk', { kioskKind: 'town_hall' }).unitFee).toBe(kiosk);
        if (certificate !== 'inkan') expect(price(certificate, 'online').unitFee).toBe(counter);
      }
    }
    expect(errorCode(() => price('inkan', 'mail'))).toBe('fee_not_defined');
    expect(validateFeeSchedule(demo)).toEqual([]);
  });

  it('multiplies by copies in integer yen and names the rule', () => {
    const p = price('koseki-zenbu', 'counter', { copies: 3 });
    expect(p).toEqual({
      unitFee: 450,
      copies: 3,
      total: 1350,
      ruleId: `${TOWN}-koseki-zenbu-counter-2015-04-01`,
      standardUnitFee: 450,
    });
  });

  it('has no fee before the ordinance took effect', () => {
    expect(errorCode(() => price('juminhyo', 'counter', { on: '2015-03-31' }))).toBe('fee_not_defined');
  });

  it('records the convenience-store operator charge for store issuance only', () => {
    expect(STORE_OPERATOR_CHARGES[0]?.perCopy).toBe(117);
    expect(price('juminhyo', 'kiosk', { copies: 2 }).operatorCharge).toEqual({ perCopy: 117, total: 234 });
    expect(price('juminhyo', 'kiosk', { kioskKind: 'town_hall' }).operatorCharge).toBeUndefined();
    expect(price('juminhyo', 'counter').operatorCharge).toBeUndefined();
  });

  it('refuses bad input', () => {
    expect(errorCode(() => price('juminhyo', 'counter', { copies: 0 }))).toBe('fee_copies_invalid');
    expect(errorCode(() => price('juminhyo', 'counter', { copies: 2.5 }))).toBe('fee_copies_invalid');
    expect(errorCode(() => price('juminhyo', 'counter', { on: '2024-02-30' }))).toBe('fee_date_invalid');
  });
});

describe('fee changes', () => {
  const changed = changeFee(demo, {
    id: 'kiosk-150',
    certificate: 'juminhyo',
    channel: 'kiosk',
    fee: 150,
    from: '2025-04-01',
  });

  it('close the old rule the day before and keep it for re-pricing', () => {
    expect(price('juminhyo', 'kiosk', { schedule: changed, on: '2025-03-31' })).toMatchObject({
      unitFee: 200,
      ruleId: `${TOWN}-juminhyo-kiosk-2015-04-01`,
    });
    expect(price('juminhyo', 'kiosk', { schedule: changed, on: '2025-04-01' })).toMatchObject({
      unitFee: 150,
      ruleId: 'kiosk-150',
    });
    expect(changed.rules).toHaveLength(demo.rules.length + 1);
    expect(changed.rules.find((r) => r.id === `${TOWN}-juminhyo-kiosk-2015-04-01`)?.validTo).toBe(
      '2025-03-31',
    );
    expect(validateFeeSchedule(changed)).toEqual([]);
    // The original schedule object is not touched.
    expect(demo.rules.every((r) => r.validTo === null)).toBe(true);
  });

  it('cannot be slipped in before a rule that already starts later', () => {
    expect(
      errorCode(() =>
        changeFee(changed, {
          id: 'x',
          certificate: 'juminhyo',
          channel: 'kiosk',
          fee: 100,
          from: '2025-01-01',
        }),
      ),
    ).toBe('fee_change_after_future_rule');
  });

  it('can set a fee for one kind of kiosk, which wins over the general kiosk fee', () => {
    const storeOnly = changeFee(demo, {
      id: 'store-100',
      certificate: 'juminhyo',
      channel: 'kiosk',
      kioskKind: 'store',
      fee: 100,
      from: '2024-01-01',
    });
    expect(price('juminhyo', 'kiosk', { schedule: storeOnly, kioskKind: 'store' }).unitFee).toBe(100);
    expect(price('juminhyo', 'kiosk', { schedule: storeOnly, kioskKind: 'town_hall' }).unitFee).toBe(200);
    expect(validateFeeSchedule(storeOnly)).toEqual([]);
  });
});

describe('campaigns', () => {
  const campaign: FeeCampaign = {
    id: 'summer-10yen',
    municipalityCode: TOWN,
    name: 'コンビニ交付10円キャンペーン',
    certificates: ['juminhyo', 'inkan', 'kazei'],
    channels: ['kiosk'],
    kioskKinds: ['store'],
    fee: 10,
    validFrom: '2024-07-01',
    validTo: '2024-09-30',
  };
  const campaigns = [campaign];

  it('apply their fee only inside their period, certificates, channels and kiosk kinds', () => {
    expect(price('juminhyo', 'kiosk', { campaigns, on: '2024-07-01', copies: 2 })).toMatchObject({
      unitFee: 10,
      total: 20,
      standardUnitFee: 200,
      campaignId: 'summer-10yen',
      ruleId: `${TOWN}-juminhyo-kiosk-2015-04-01`,
    });
    expect(price('juminhyo', 'kiosk', { campaigns, on: '2024-09-30' }).unitFee).toBe(10);
    expect(price('juminhyo', 'kiosk', { campaigns, on: '2024-10-01' }).unitFee).toBe(200);
    expect(price('juminhyo', 'kiosk', { campaigns, on: '2024-06-30' }).unitFee).toBe(200);
    expect(price('juminhyo', 'kiosk', { campaigns, on: '2024-08-01', kioskKind: 'town_hall' }).unitFee).toBe(
      200,
    );
    expect(price('koseki-zenbu', 'kiosk', { campaigns, on: '2024-08-01' }).unitFee).toBe(350);
    expect(price('juminhyo', 'counter', { campaigns, on: '2024-08-01' }).unitFee).toBe(300);
  });

  it('must not overlap each other', () => {
    const second = { ...campaign, id: 'autumn', validFrom: '2024-09-01', validTo: '2024-10-31' };
    expect(validateFeeSchedule(demo, [campaign, second]).map((p) => p.code)).toEqual(['campaign_overlap']);
    expect(
      errorCode(() => price('juminhyo', 'kiosk', { campaigns: [campaign, second], on: '2024-09-15' })),
    ).toBe('fee_campaign_overlap');
    const townHall = { ...second, kioskKinds: ['town_hall' as const] };
    expect(validateFeeSchedule(demo, [campaign, townHall])).toEqual([]);
  });
});

describe('exemptions', () => {
  it('waive the fee at the counter and by mail, with the reason kept', () => {
    const p = price('koseki-zenbu', 'counter', {
      copies: 2,
      exemption: { kind: 'pension_claim', reason: ' 遺族年金の請求 ' },
    });
    expect(p).toMatchObject({
      unitFee: 0,
      total: 0,
      standardUnitFee: 450,
      exemption: { kind: 'pension_claim', reason: '遺族年金の請求' },
    });
    expect(
      price('juminhyo', 'mail', { exemption: { kind: 'official_use', reason: '○○税務署 公用請求' } }).total,
    ).toBe(0);
  });

  it('are refused at kiosks and online, and without a reason', () => {
    const exemption = { kind: 'public_assistance' as const, reason: '生活保護申請添付用' };
    expect(errorCode(() => price('juminhyo', 'kiosk', { exemption }))).toBe('exemption_not_at_channel');
    expect(errorCode(() => price('juminhyo', 'online', { exemption }))).toBe('exemption_not_at_channel');
    expect(errorCode(() => price('juminhyo', 'counter', { exemption: { ...exemption, reason: ' ' } }))).toBe(
      'exemption_reason_required',
    );
    expect(
      errorCode(() =>
        price('juminhyo', 'counter', { exemption: { kind: 'friendship' as never, reason: '友人なので' } }),
      ),
    ).toBe('exemption_kind_unknown');
  });
});

describe('schedule validation', () => {
  const rule = (over: Partial<FeeRule>): FeeRule => ({
    id: 'r',
    municipalityCode: TOWN,
    certificate: 'juminhyo',
    channel: 'counter',
    fee: 300,
    validFrom: '2020-04-01',
    validTo: null,
    ...over,
  });
  const problems = (rules: FeeRule[]) =>
    validateFeeSchedule({ municipalityCode: TOWN, rules }).map((p) => `${p.severity}:${p.code}`);

  it('finds overlaps, which pricing also refuses', () => {
    const rules = [rule({ id: 'a', validTo: '2024-03-31' }), rule({ id: 'b', validFrom: '2024-03-31' })];
    expect(problems(rules)).toEqual(['error:overlap']);
    const schedule: FeeSchedule = { municipalityCode: TOWN, rules };
    expect(errorCode(() => price('juminhyo', 'counter', { schedule, on: '2024-03-31' }))).toBe(
      'fee_schedule_overlap',
    );
    expect(price('juminhyo', 'counter', { schedule, on: '2024-03-30' }).ruleId).toBe('a');
    expect(errorCode(() => assertValidFeeSchedule(schedule))).toBe('fee_schedule_invalid');
  });

  it('finds every other mistake an administrator can make', () => {
    expect(problems([rule({ id: 'a' }), rule({ id: 'a', channel: 'mail' })])).toEqual(['error:duplicate_id']);
    expect(problems([rule({ validTo: '2019-01-01' })])).toEqual(['error:period_reversed']);
    expect(problems([rule({ validFrom: '2020-02-30' })])).toEqual(['error:period_invalid']);
    expect(problems([rule({ fee: -10 })])).toEqual(['error:fee_not_yen']);
    expect(problems([rule({ fee: 299.5 })])).toEqual(['error:fee_not_yen']);
    expect(problems([rule({ kioskKind: 'store' })])).toEqual(['error:kiosk_kind_misplaced']);
    expect(problems([rule({ municipalityCode: '131016' })])).toEqual(['error:wrong_municipality']);
    expect(problems([rule({ certificate: 'koseki-joseki', channel: 'kiosk' })])).toEqual([
      'warning:fee_for_unavailable_channel',
    ]);
    expect(() =>
      assertValidFeeSchedule({
        municipalityCode: TOWN,
        rules: [rule({ channel: 'online', certificate: 'inkan' })],
      }),
    ).not.toThrow();
  });
});

// ---------------------------------------------------------------------------
// Properties

const BASE_DAY = Date.UTC(2024, 0, 1) / 86_400_000;
const dayIso = (n: number) => new Date((BASE_DAY + n) * 86_400_000).toISOString().slice(0, 10);

describe('fees over time (property)', () => {
  it('prices any date with the one rule in force, after any sequence of fee changes', () => {
    const changesArb = fc.array(
      fc.record({
        certificate: fc.constantFrom<CertificateType>('juminhyo', 'koseki-zenbu', 'kazei'),
        channel: fc.constantFrom<Channel>('counter', 'kiosk'),
        fee: fc.integer({ min: 0, max: 2000 }),
        gap: fc.integer({ min: 1, max: 40 }),
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(
        changesArb,
        fc.integer({ min: 0, max: 1200 }),
        fc.integer({ min: 1, max: 9 }),
        (changes, day, copies) => {
          let schedule = demoFeeSchedule(TOWN, dayIso(0));
          let cursor = 0;
          changes.forEach((c, i) => {
            cursor += c.gap;
            schedule = changeFee(schedule, {
              id: `c${i}`,
              certificate: c.certificate,
              channel: c.channel,
              fee: c.fee,
              from: dayIso(cursor),
            });
          });
          expect(validateFeeSchedule(schedule)).toEqual([]);
          const on = dayIso(day);
          for (const certificate of ['juminhyo', 'koseki-zenbu', 'kazei'] as const) {
            for (const channel of ['counter', 'kiosk'] as const) {
              const inForce = schedule.rules.filter(
                (r) =>
                  r.certificate === certificate &&
                  r.channel === channel &&
                  r.validFrom <= on &&
                  (r.validTo === null || on <= r.validTo),
              );
              expect(inForce).toHaveLength(1);
              const p = priceIssuance({ schedule, certificate, channel, kioskKind: 'town_hall', on, copies });
              expect(p.ruleId).toBe(inForce[0]?.id);
              expect(p.total).toBe(inForce[0]!.fee * copies);
              expect(Number.isInteger(p.total)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports an overlap exactly when some day is covered twice for the same key', () => {
    const ruleArb = fc.record({
      certificate: fc.constantFrom<CertificateType>('juminhyo', 'fuhyo'),
      channel: fc.constantFrom<Channel>('counter', 'mail'),
      from: fc.integer({ min: 0, max: 30 }),
      length: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 6 }), (raw) => {
        const rules: FeeRule[] = raw.map((r, i) => ({
          id: `r${i}`,
          municipalityCode: TOWN,
          certificate: r.certificate,
          channel: r.channel,
          fee: 300,
          validFrom: dayIso(r.from),
          validTo: r.length === null ? null : dayIso(r.from + r.length),
        }));
        let doubled = false;
        for (let d = 0; d <= 60 && !doubled; d++) {
          const on = dayIso(d);
          for (const certificate of ['juminhyo', 'fuhyo'] as const) {
            for (const channel of ['counter', 'mail'] as const) {
              const n = rules.filter(
                (r) =>
                  r.certificate === certificate &&
                  r.channel === channel &&
                  r.validFrom <= on &&
                  (r.validTo === null || on <= r.validTo),
              ).length;
              if (n > 1) doubled = true;
            }
          }
        }
        const overlaps = validateFeeSchedule({ municipalityCode: TOWN, rules }).filter(
          (p) => p.code === 'overlap',
        );
        expect(overlaps.length > 0).toBe(doubled);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the demo town one fee for every certificate a channel can issue, and none elsewhere', () => {
    for (const certificate of CERTIFICATE_TYPES) {
      for (const channel of CHANNELS) {
        const rules = demo.rules.filter((r) => r.certificate === certificate && r.channel === channel);
        expect(rules.length).toBe(certificateAvailableAt(certificate, channel) ? 1 : 0);
      }
    }
  });
});
