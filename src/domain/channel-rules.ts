/**
 * What each channel may issue, with which options, to whom, and on what proof.
 * Channels never reimplement these rules: the counter screen, the kiosk and the
 * online form all ask `checkChannel` and show its refusals. Eligibility in law
 * (who may have a copy at all) is eligibility.ts; this is the channel side.
 */
import {
  CERTIFICATES,
  type CertificateOptions,
  type CertificateType,
  type Decision,
  ITEM_NAMES,
  JUMINHYO_ITEMS,
  type JuminhyoItem,
  KISAI_ITEMS,
  type KisaiItem,
  printedIdentifiers,
  type Refusal,
  refuse,
} from './certificates.js';
import type { Requester, RequesterRelation } from './eligibility.js';

export const CHANNELS = ['counter', 'mail', 'kiosk', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Convenience-store machines and the municipality's own terminals share the screens and the rules. */
export const KIOSK_KINDS = ['store', 'town_hall'] as const;
export type KioskKind = (typeof KIOSK_KINDS)[number];

export const CHANNEL_NAMES: Readonly<Record<Channel, { ja: string; en: string }>> = {
  counter: { ja: '窓口', en: 'the counter' },
  mail: { ja: '郵送請求', en: 'requests by mail' },
  kiosk: { ja: 'コンビニ交付・キオスク端末', en: 'convenience stores and kiosks' },
  online: { ja: 'オンライン申請', en: 'online requests' },
};

/** Channels where the requester proves who they are with the My Number card alone, with no clerk. */
export function isSelfService(channel: Channel): boolean {
  return channel === 'kiosk' || channel === 'online';
}

/**
 * Default copies per request. The multi-copy machines stop at 10 per
 * certificate; by mail and online a larger count usually means a mistake.
 */
export const DEFAULT_MAX_COPIES: Readonly<Record<Channel, number>> = {
  counter: 20,
  mail: 10,
  kiosk: 10,
  online: 5,
};

export interface ChannelCheckInput {
  channel: Channel;
  kioskKind?: KioskKind;
  certificate: CertificateType;
  options: CertificateOptions;
  requester: Requester;
  copies?: number;
  /** Mail: where the certificate will be sent. */
  delivery?: { toRegisteredAddress: boolean };
  /** What this municipality offers on this channel; absent means everything the rules allow. */
  offered?: readonly CertificateType[];
  maxCopies?: Partial<Record<Channel, number>>;
}

export type ChannelDecision = Decision;

export function checkChannel(input: ChannelCheckInput): ChannelDecision {
  const refusals = channelRefusals(input);
  return refusals.length === 0 ? { ok: true } : { ok: false, refusals };
}

/** Whether a certificate can be issued at all on a channel, options aside. */
export function certificateAvailableAt(certificate: CertificateType, channel: Channel): boolean {
  return certificateChannelRefusal(certificate, channel) === undefined;
}

/** The certificates a channel can issue (for menus). */
export function certificatesAt(channel: Channel): CertificateType[] {
  return (Object.keys(CERTIFICATES) as CertificateType[]).filter((c) => certificateAvailableAt(c, channel));
}

const IDENTIFIER_ITEMS: readonly string[] = ['juminhyoCode', 'myNumber'];

/** The optional items a requester may tick on this channel (for the kiosk and online screens). */
export function selectableItems(
  certificate: 'juminhyo' | 'juminhyo-johyo' | 'juminhyo-kisai',
  channel: Channel,
): Array<JuminhyoItem | KisaiItem> {
  const all: ReadonlyArray<JuminhyoItem | KisaiItem> =
    certificate === 'juminhyo-kisai' ? KISAI_ITEMS : JUMINHYO_ITEMS;
  return isSelfService(channel) ? all.filter((item) => !IDENTIFIER_ITEMS.includes(item)) : [...all];
}

function certificateChannelRefusal(certificate: CertificateType, channel: Channel): Refusal | undefined {
  const info = CERTIFICATES[certificate];
  if (info.record !== 'current' && (channel === 'kiosk' || channel === 'online')) {
    // Removed and pre-revision records are kept apart (often on paper or images) and are checked by hand.
    return refuse(
      'certificate_counter_mail_only',
      `「${info.nameJa}」は、窓口または郵送でのみ請求できます。`,
      `"${info.nameEn}" can be requested only at the counter or by mail.`,
      'certificate',
    );
  }
  if (certificate === 'inkan' && (channel === 'mail' || channel === 'online')) {
    // Without the card in hand nobody can prove the request comes from the registrant.
    return refuse(
      'inkan_not_remote',
      '印鑑登録証明書は、郵送やオンラインでは請求できません。印鑑登録証をお持ちのうえ窓口で、またはマイナンバーカードでコンビニ等で取得してください。',
      'A seal certificate cannot be requested by mail or online; bring the seal registration card to the counter, or use the My Number card at a kiosk.',
      'certificate',
    );
  }
  return undefined;
}

function allowedSelfServiceRelation(input: ChannelCheckInput): boolean {
  const { relation } = input.requester;
  const family = CERTIFICATES[input.certificate].family;
  switch (family) {
    case 'juminhyo':
      return relation === 'self' || relation === 'same_household';
    case 'koseki':
      // The card holder may print their own register, including its other members' records.
      return relation === 'self' || (isRelative(relation) && input.requester.inSameKoseki === true);
    case 'inkan':
    case 'kazei':
      return relation === 'self';
  }
}

function isRelative(relation: RequesterRelation): boolean {
  return relation === 'spouse' || relation === 'lineal_ascendant' || relation === 'lineal_descendant';
}

function channelRefusals(input: ChannelCheckInput): Refusal[] {
  const { channel, certificate, options, requester } = input;
  const info = CERTIFICATES[certificate];
  const channelName = CHANNEL_NAMES[channel];
  const refusals: Refusal[] = [];

  if (options.certificate !== certificate) {
    refusals.push(
      refuse(
        'options_mismatch',
        '証明書の種類と選択した内容が一致しません。',
        'The options do not belong to the certificate requested.',
        'options.certificate',
      ),
    );
  }

  if (input.offered && !input.offered.includes(certificate)) {
    refusals.push(
      refuse(
        'certificate_not_offered',
        `「${info.nameJa}」は、${channelName.ja}では取り扱っていません。`,
        `"${info.nameEn}" is not offered through ${channelName.en}.`,
        'certificate',
      ),
    );
  }

  const unavailable = certificateChannelRefusal(certificate, channel);
  if (unavailable) refusals.push(unavailable);

  const identifiers = options.certificate === certificate ? printedIdentifiers(options) : [];
  const itemsPath = options.certificate === 'juminhyo-kisai' ? 'options.items' : 'options.include';
  if (isSelfService(channel)) {
    for (const id of identifiers) {
      refusals.push(
        refuse(
          id === 'myNumber' ? 'my_number_not_at_channel' : 'juminhyo_code_not_at_channel',
          `${ITEM_NAMES[id].ja}を記載した証明書は、${channelName.ja}では交付できません。窓口で請求してください。`,
          `A certificate showing the ${ITEM_NAMES[id].en} cannot be issued through ${channelName.en}; please ask at the counter.`,
          itemsPath,
        ),
      );
    }
  }
  if (identifiers.includes('myNumber')) {
    if (requester.relation !== 'self' && requester.relation !== 'same_household') {
      refusals.push(
        refuse(
          'my_number_self_or_household_only',
          '個人番号を記載した住民票は、ご本人または同一世帯の方のみ請求できます。',
          'A certificate showing the individual number is issued only to the person or a member of the same household.',
          itemsPath,
        ),
      );
    }
    if (channel === 'mail' && input.delivery?.toRegisteredAddress !== true) {
      refusals.push(
        refuse(
          'my_number_mail_registered_address',
          '個人番号を記載した住民票は、住民登録のある住所にのみ郵送できます。',
          'A certificate showing the individual number can be mailed only to the registered address.',
          'delivery',
        ),
      );
    }
  }

  if (requester.identityVerified !== true) {
    refusals.push(
      refuse(
        'identity_not_verified',
        isSelfService(channel)
          ? 'マイナンバーカードによる本人確認ができていません。'
          : '本人確認書類（運転免許証、マイナンバーカードなど）で、請求する方の確認が必要です。',
        isSelfService(channel)
          ? 'The requester has not been authenticated with the My Number card.'
          : 'The requester’s identity must be checked with an ID document (driving licence, My Number card, …).',
        'requester.identityVerified',
      ),
    );
  }

  if (isSelfService(channel)) {
    if (requester.presented?.myNumberCard !== true) {
      refusals.push(
        refuse(
          'my_number_card_required',
          `${channelName.ja}では、マイナンバーカード（利用者証明用電子証明書）が必要です。`,
          `${capitalise(channelName.en)} require the My Number card (its user-certificate for authentication).`,
          'requester.presented.myNumberCard',
        ),
      );
    }
    if (!allowedSelfServiceRelation(input)) {
      refusals.push(
        refuse(
          'requester_not_at_channel',
          selfServiceWhoJa(info.family),
          selfServiceWhoEn(info.family),
          'requester.relation',
        ),
      );
    }
    if (
      info.family === 'koseki' &&
      requester.residesInMunicipality === false &&
      requester.kosekiUserRegistration !== 'approved'
    ) {
      refusals.push(
        requester.kosekiUserRegistration === 'pending'
          ? refuse(
              'koseki_user_registration_pending',
              '本籍地の戸籍証明書を取得するための利用者登録は、現在審査中です（申請から5日程度かかります）。',
              'The user registration for family-register certificates is still being reviewed (about five days from the application).',
              'requester.kosekiUserRegistration',
            )
          : refuse(
              'koseki_user_registration_required',
              '住所地以外の本籍地の戸籍証明書を取得するには、事前に利用者登録申請が必要です。',
              'To print a family-register certificate of a town you do not live in, first file a user registration (利用者登録申請).',
              'requester.kosekiUserRegistration',
            ),
      );
    }
  }

  if (certificate === 'inkan' && channel === 'counter' && requester.presented?.sealCard !== true) {
    refusals.push(
      refuse(
        'seal_card_required',
        '印鑑登録証明書の請求には、印鑑登録証（カード）が必要です。',
        'The seal registration card must be presented to obtain a seal certificate.',
        'requester.presented.sealCard',
      ),
    );
  }

  if (input.copies !== undefined) {
    const max = input.maxCopies?.[channel] ?? DEFAULT_MAX_COPIES[channel];
    if (!Number.isInteger(input.copies) || input.copies < 1 || input.copies > max) {
      refusals.push(
        refuse(
          'copies_out_of_range',
          `通数は1通から${max}通までです。`,
          `The number of copies must be between 1 and ${max}.`,
          'copies',
        ),
      );
    }
  }

  return refusals;
}

function selfServiceWhoJa(family: 'juminhyo' | 'koseki' | 'inkan' | 'kazei'): string {
  switch (family) {
    case 'juminhyo':
      return 'コンビニ・キオスク端末・オンラインでは、ご本人と同一世帯の方の住民票のみ取得できます。代理の方や第三者の請求は窓口でお願いします。';
    case 'koseki':
      return 'コンビニ・キオスク端末・オンラインでは、ご本人が記載されている戸籍の証明書のみ取得できます。それ以外は窓口または郵送で請求してください。';
    case 'inkan':
      return '印鑑登録証明書をコンビニ・キオスク端末で取得できるのは、登録者ご本人のみです。';
    case 'kazei':
      return 'コンビニ・キオスク端末・オンラインでは、ご本人の課税(非課税)証明書のみ取得できます。';
  }
}

function selfServiceWhoEn(family: 'juminhyo' | 'koseki' | 'inkan' | 'kazei'): string {
  switch (family) {
    case 'juminhyo':
      return 'Kiosks and online requests serve only the card holder and their own household; agents and third parties must go to the counter.';
    case 'koseki':
      return 'Kiosks and online requests serve only family registers in which the card holder is recorded; ask at the counter or by mail otherwise.';
    case 'inkan':
      return 'Only the registrant can print a seal certificate at a kiosk.';
    case 'kazei':
      return 'Kiosks and online requests serve only the card holder’s own tax certificate.';
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
