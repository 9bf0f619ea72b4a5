import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_TYPES,
  CERTIFICATES,
  type CertificateOptions,
  type CertificateType,
  certificateOptionsSchema,
  JUMINHYO_ITEMS,
  KISAI_ITEMS,
  type Refusal,
} from './certificates.js';
import {
  CHANNELS,
  type Channel,
  type ChannelCheckInput,
  certificateAvailableAt,
  certificatesAt,
  checkChannel,
  DEFAULT_MAX_COPIES,
  selectableItems,
} from './channel-rules.js';
import { REQUESTER_RELATIONS, type Requester } from './eligibility.js';

const options = (input: unknown) => certificateOptionsSchema.parse(input) as CertificateOptions;

function request(overrides: Partial<ChannelCheckInput> & { options: CertificateOptions }): ChannelCheckInput {
  const channel = overrides.channel ?? 'counter';
  const selfService = channel === 'kiosk' || channel === 'online';
  return {
    channel,
    certificate: overrides.options.certificate,
    requester: {
      relation: 'self',
      identityVerified: true,
      presented: { myNumberCard: selfService, sealCard: overrides.options.certificate === 'inkan' },
    },
    ...overrides,
  };
}

const codes = (input: ChannelCheckInput) => {
  const decision = checkChannel(input);
  return decision.ok ? [] : decision.refusals.map((r) => r.code);
};

function expectBilingual(refusals: Refusal[]) {
  for (const r of refusals) {
    expect(r.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(r.en).toMatch(/[A-Za-z]{3,}/);
    expect(r.code).toMatch(/^[a-z_]+$/);
  }
}

describe('identifiers on 住民票', () => {
  const withIds = options({
    certificate: 'juminhyo',
    scope: 'household',
    include: ['myNumber', 'juminhyoCode', 'householdHead'],
  });

  it('are never printed at a kiosk or online', () => {
    for (const channel of ['kiosk', 'online'] as const) {
      const decision = checkChannel(request({ channel, options: withIds, kioskKind: 'store' }));
      expect(decision.ok).toBe(false);
      if (decision.ok) continue;
      expect(decision.refusals.map((r) => r.code).sort()).toEqual([
        'juminhyo_code_not_at_channel',
        'my_number_not_at_channel',
      ]);
      expect(decision.refusals.every((r) => r.at === 'options.include')).toBe(true);
      expect(decision.refusals[1]?.ja).toContain('個人番号');
      expectBilingual(decision.refusals);
    }
  });

  it('are printed at the counter for the person and the household, not for an agent', () => {
    expect(checkChannel(request({ options: withIds })).ok).toBe(true);
    const household = request({ options: withIds });
    household.requester = { ...household.requester, relation: 'same_household' };
    expect(checkChannel(household).ok).toBe(true);
    const agent = request({ options: withIds });
    agent.requester = { ...agent.requester, relation: 'agent', powerOfAttorney: true };
    expect(codes(agent)).toEqual(['my_number_self_or_household_only']);
  });

  it('are mailed only to the registered address', () => {
    expect(codes(request({ channel: 'mail', options: withIds }))).toEqual([
      'my_number_mail_registered_address',
    ]);
    expect(
      codes(request({ channel: 'mail', options: withIds, delivery: { toRegisteredAddress: true } })),
    ).toEqual([]);
  });

  it('are refused on a 記載事項証明書 at a kiosk as well', () => {
    const kisai = options({ certificate: 'juminhyo-kisai', residentIds: [1], items: ['name', 'myNumber'] });
    const decision = checkChannel(request({ channel: 'kiosk', options: kisai }));
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.refusals[0]?.at).toBe('options.items');
  });

  it('are left out of the kiosk and online menus', () => {
    expect(selectableItems('juminhyo', 'kiosk')).not.toContain('myNumber');
    expect(selectableItems('juminhyo', 'online')).not.toContain('juminhyoCode');
    expect(selectableItems('juminhyo', 'kiosk')).toContain('honseki');
    expect(selectableItems('juminhyo', 'counter')).toEqual([...JUMINHYO_ITEMS]);
    expect(selectableItems('juminhyo-kisai', 'mail')).toEqual([...KISAI_ITEMS]);
  });
});

describe('removed and pre-revision records', () => {
  it('are issued at the counter and by mail only', () => {
    const johyo = options({ certificate: 'juminhyo-johyo', residentIds: [9] });
    const joseki = options({ certificate: 'koseki-joseki', scope: 'all' });
    const kaiseigen = options({ certificate: 'koseki-kaiseigen', scope: 'member', memberNo: 2 });
    for (const o of [johyo, joseki, kaiseigen]) {
      expect(codes(request({ options: o }))).toEqual([]);
      expect(codes(request({ channel: 'mail', options: o }))).toEqual([]);
      expect(codes(request({ channel: 'kiosk', options: o }))).toContain('certificate_counter_mail_only');
      expect(codes(request({ channel: 'online', options: o }))).toContain('certificate_counter_mail_only');
    }
    expect(certificatesAt('kiosk')).toEqual([
      'juminhyo',
      'juminhyo-kisai',
      'inkan',
      'koseki-zenbu',
      'koseki-kojin',
      'fuhyo',
      'kazei',
    ]);
    expect(certificatesAt('counter')).toEqual([...CERTIFICATE_TYPES]);
  });
});

describe('seal certificates', () => {
  const inkan = options({ certificate: 'inkan' });

  it('need the 印鑑登録証 at the counter', () => {
    const noCard = request({ options: inkan });
    noCard.requester = { ...noCard.requester, presented: {} };
    const decision = checkChannel(noCard);
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.refusals[0]?.code).toBe('seal_card_required');
      expect(decision.refusals[0]?.ja).toContain('印鑑登録証');
    }
    expect(checkChannel(request({ options: inkan })).ok).toBe(true);
  });

  it('need the My Number card at a kiosk and are refused by mail and online', () => {
    expect(checkChannel(request({ channel: 'kiosk', kioskKind: 'town_hall', options: inkan })).ok).toBe(true);
    const noCard = request({ channel: 'kiosk', options: inkan });
    noCard.requester = { ...noCard.requester, presented: {} };
    expect(codes(noCard)).toEqual(['my_number_card_required']);
    expect(codes(request({ channel: 'mail', options: inkan }))).toEqual(['inkan_not_remote']);
    expect(codes(request({ channel: 'online', options: inkan }))).toEqual(['inkan_not_remote']);
    expect(certificateAvailableAt('inkan', 'mail')).toBe(false);
  });
});

describe('who may use a kiosk', () => {
  const koseki = options({ certificate: 'koseki-kojin', memberNo: 2 });

  it('serves the card holder’s own register, including a spouse recorded in it', () => {
    const spouse = request({ channel: 'kiosk', options: koseki });
    spouse.requester = { ...spouse.requester, relation: 'spouse', inSameKoseki: true };
    expect(checkChannel(spouse).ok).toBe(true);
    spouse.requester = { ...spouse.requester, inSameKoseki: false };
    expect(codes(spouse)).toEqual(['requester_not_at_channel']);
  });

  it('never serves agents or third parties', () => {
    for (const relation of ['agent', 'third_party'] as const) {
      const input = request({
        channel: 'online',
        options: options({ certificate: 'juminhyo', scope: 'household' }),
      });
      input.requester = { ...input.requester, relation, powerOfAttorney: true };
      expect(codes(input)).toEqual(['requester_not_at_channel']);
    }
  });

  it('needs a user registration for the 本籍地 register of someone living elsewhere', () => {
    const input = request({ channel: 'kiosk', options: koseki });
    input.requester = { ...input.requester, residesInMunicipality: false };
    expect(codes(input)).toEqual(['koseki_user_registration_required']);
    input.requester = { ...input.requester, kosekiUserRegistration: 'pending' };
    expect(codes(input)).toEqual(['koseki_user_registration_pending']);
    input.requester = { ...input.requester, kosekiUserRegistration: 'approved' };
    expect(codes(input)).toEqual([]);
    // Registration is a kiosk matter: by mail the clerk checks the request itself.
    input.channel = 'mail';
    input.requester = { ...input.requester, kosekiUserRegistration: 'none', presented: {} };
    expect(codes(input)).toEqual([]);
  });
});

describe('other limits', () => {
  const juminhyo = options({ certificate: 'juminhyo', scope: 'household' });

  it('checks identity on every channel', () => {
    const input = request({ options: juminhyo });
    input.requester = { ...input.requester, identityVerified: false };
    expect(codes(input)).toEqual(['identity_not_verified']);
  });

  it('limits copies per channel', () => {
    expect(codes(request({ options: juminhyo, copies: 0 }))).toEqual(['copies_out_of_range']);
    expect(codes(request({ options: juminhyo, copies: 1.5 }))).toEqual(['copies_out_of_range']);
    expect(codes(request({ channel: 'kiosk', options: juminhyo, copies: 10 }))).toEqual([]);
    expect(codes(request({ channel: 'kiosk', options: juminhyo, copies: 11 }))).toEqual([
      'copies_out_of_range',
    ]);
    expect(
      codes(request({ channel: 'kiosk', options: juminhyo, copies: 11, maxCopies: { kiosk: 20 } })),
    ).toEqual([]);
  });

  it('honours what the municipality offers on a channel', () => {
    expect(codes(request({ channel: 'kiosk', options: juminhyo, offered: ['juminhyo', 'inkan'] }))).toEqual(
      [],
    );
    expect(codes(request({ channel: 'kiosk', options: juminhyo, offered: ['inkan'] }))).toEqual([
      'certificate_not_offered',
    ]);
  });

  it('refuses options of another certificate', () => {
    expect(codes(request({ options: juminhyo, certificate: 'fuhyo' }))).toEqual(['options_mismatch']);
  });
});

// ---------------------------------------------------------------------------
// Property: the refusals are exactly the ones the domain page's rules call for.

const optionsArb: fc.Arbitrary<CertificateOptions> = fc
  .oneof(
    fc.record({
      certificate: fc.constant('juminhyo'),
      scope: fc.constant('household'),
      include: fc.subarray([...JUMINHYO_ITEMS]),
    }),
    fc.record({
      certificate: fc.constant('juminhyo-kisai'),
      residentIds: fc.constant([1, 2]),
      items: fc.subarray([...KISAI_ITEMS], { minLength: 1 }),
    }),
    fc.record({
      certificate: fc.constant('juminhyo-johyo'),
      residentIds: fc.constant([3]),
      include: fc.subarray([...JUMINHYO_ITEMS]),
    }),
    fc.constant({ certificate: 'inkan' }),
    fc.constant({ certificate: 'koseki-zenbu' }),
    fc.record({ certificate: fc.constant('koseki-kojin'), memberNo: fc.integer({ min: 1, max: 9 }) }),
    fc.record({ certificate: fc.constant('fuhyo'), scope: fc.constant('all') }),
    fc.record({ certificate: fc.constant('kazei'), taxYear: fc.integer({ min: 2000, max: 2030 }) }),
    fc.record({ certificate: fc.constant('koseki-joseki'), scope: fc.constant('all') }),
    fc.record({ certificate: fc.constant('koseki-kaiseigen'), scope: fc.constant('all') }),
  )
  .map((o) => certificateOptionsSchema.parse(o));

const requesterArb: fc.Arbitrary<Requester> = fc.record({
  relation: fc.constantFrom(...REQUESTER_RELATIONS),
  identityVerified: fc.boolean(),
  powerOfAttorney: fc.boolean(),
  presented: fc.record({ sealCard: fc.boolean(), myNumberCard: fc.boolean() }),
  inSameKoseki: fc.boolean(),
  residesInMunicipality: fc.boolean(),
  kosekiUserRegistration: fc.constantFrom('none', 'pending', 'approved'),
});

const inputArb: fc.Arbitrary<ChannelCheckInput> = fc
  .record({
    channel: fc.constantFrom(...CHANNELS),
    options: optionsArb,
    requester: requesterArb,
    copies: fc.integer({ min: -1, max: 25 }),
    toRegisteredAddress: fc.boolean(),
  })
  .map(({ toRegisteredAddress, ...rest }) => ({
    ...rest,
    certificate: rest.options.certificate,
    delivery: { toRegisteredAddress },
  }));

/** The rules restated from docs/domain.md and docs/rules.md, independently of the implementation. */
function expectedCodes(input: ChannelCheckInput): string[] {
  const out: string[] = [];
  const { channel, certificate, requester: r } = input;
  const info = CERTIFICATES[certificate];
  const selfService = channel === 'kiosk' || channel === 'online';
  const o = input.options as { include?: string[]; items?: string[] };
  const items = o.include ?? o.items ?? [];
  if (
    selfService &&
    (certificate === 'juminhyo-johyo' ||
      certificate === 'koseki-joseki' ||
      certificate === 'koseki-kaiseigen')
  ) {
    out.push('certificate_counter_mail_only');
  }
  if (certificate === 'inkan' && (channel === 'mail' || channel === 'online')) out.push('inkan_not_remote');
  if (selfService && items.includes('myNumber')) out.push('my_number_not_at_channel');
  if (selfService && items.includes('juminhyoCode')) out.push('juminhyo_code_not_at_channel');
  if (items.includes('myNumber') && r.relation !== 'self' && r.relation !== 'same_household') {
    out.push('my_number_self_or_household_only');
  }
  if (items.includes('myNumber') && channel === 'mail' && !input.delivery?.toRegisteredAddress) {
    out.push('my_number_mail_registered_address');
  }
  if (!r.identityVerified) out.push('identity_not_verified');
  if (selfService && !r.presented?.myNumberCard) out.push('my_number_card_required');
  if (selfService) {
    const relative = ['spouse', 'lineal_ascendant', 'lineal_descendant'].includes(r.relation);
    const allowed =
      info.family === 'juminhyo'
        ? ['self', 'same_household'].includes(r.relation)
        : info.family === 'koseki'
          ? r.relation === 'self' || (relative && r.inSameKoseki === true)
          : r.relation === 'self';
    if (!allowed) out.push('requester_not_at_channel');
    if (
      info.family === 'koseki' &&
      r.residesInMunicipality === false &&
      r.kosekiUserRegistration !== 'approved'
    ) {
      out.push(
        r.kosekiUserRegistration === 'pending'
          ? 'koseki_user_registration_pending'
          : 'koseki_user_registration_required',
      );
    }
  }
  if (certificate === 'inkan' && channel === 'counter' && !r.presented?.sealCard)
    out.push('seal_card_required');
  const copies = input.copies ?? 1;
  if (copies < 1 || copies > DEFAULT_MAX_COPIES[channel]) out.push('copies_out_of_range');
  return out.sort();
}

describe('every channel/option/requester combination (property)', () => {
  it('is refused exactly for the forbidden reasons, each in Japanese and English', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const decision = checkChannel(input);
        const got = decision.ok ? [] : decision.refusals.map((r) => r.code).sort();
        expect(got).toEqual(expectedCodes(input));
        if (!decision.ok) {
          expect(decision.refusals.length).toBeGreaterThan(0);
          expectBilingual(decision.refusals);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never lets a self-service channel print an identifier or a removed record', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom<Channel>('kiosk', 'online'), (input, channel) => {
        const decision = checkChannel({ ...input, channel });
        const o = input.options as { include?: string[]; items?: string[] };
        const items = o.include ?? o.items ?? [];
        const removed = CERTIFICATES[input.certificate as CertificateType].record !== 'current';
        if (items.includes('myNumber') || items.includes('juminhyoCode') || removed)
          expect(decision.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
