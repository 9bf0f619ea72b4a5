/**
 * The kiosks and My Number cards the end-to-end benchmark drives, set up in
 * the seeded scratch database before the server starts, with the project's
 * own functions: registerKiosk for every kiosk (its key stays here, with the
 * client), the seeder's deterministic demo JPKI (the card keys re-derived from
 * the seed as writeDemoVirtualCard does; the server trusts that CA at start,
 * trustDemoJpkiCa), and, when the run falls outside kiosk hours, the town's
 * own opening hours saved by an administrator (setServiceHours).
 *
 * Why many kiosks and many cards: the product limits a kiosk to 60 signed
 * requests in a burst and one a second, and a card to 10 authentications an
 * hour (src/identity/domain/limits.ts). A benchmark that sent everything from
 * a few kiosks with a few cards would measure those limits. So every issuance
 * takes a free kiosk from a pool (least recently used first, as residents
 * spread over many stores) and the card of the resident asked for, and the
 * benchmark hands the load drivers a rotating list of card holders, so each
 * card is used about equally. The limits themselves stay as they are: a
 * refusal would show up as an error.
 */
import { generateKeyPairSync, type KeyObject, sign, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { setServiceHours } from '../src/admin/use-cases/service-hours-admin.js';
import type { DB } from '../src/db/schema.js';
import {
  checkServiceHours,
  DEMO_SERVICE_HOURS,
  EVERY_DAY,
  type ServiceHoursConfig,
  toTokyoWallClock,
} from '../src/domain/service-hours.js';
import {
  CARD_PIN_MAX_RETRIES,
  CardLockedError,
  CardPinIncorrectError,
  type CardReader,
  DEMO_CARD_PIN,
  openVirtualCard,
  registerKiosk,
  trustDemoJpkiCa,
  writeDemoVirtualCard,
} from '../src/identity/index.js';
import { cardKeyPair } from '../src/seed/cards.js';

export interface BenchKiosk {
  kioskId: string;
  privateKey: KeyObject;
}

/**
 * How the benchmark's cards sign.
 * - `chip`: like the chip, the key stays in memory and is used only after the
 *   right PIN (3 tries, then locked). A real card signs on its own processor;
 *   the kiosk's computer only waits for it.
 * - `virtual-file`: the demo's virtual card files (src/identity/devices/virtual-card.ts),
 *   whose key is unwrapped with scrypt on every signature — 45–130 ms of the
 *   benchmark's own CPU per issuance on this machine, taken from the two cores
 *   the server runs on. Kept for checking the demo device end to end.
 */
export type CardKind = 'chip' | 'virtual-file';

/**
 * A card whose private key never leaves it: readCertificate without the PIN,
 * sign only after the right PIN, a wrong PIN counted, locked after three.
 */
export class ChipCard implements CardReader {
  private retries = CARD_PIN_MAX_RETRIES;
  constructor(
    private readonly certificateDer: Buffer,
    private readonly privateKey: KeyObject,
    private readonly pin: string,
  ) {}

  async readCertificate(): Promise<Buffer> {
    return this.certificateDer;
  }

  async retriesLeft(): Promise<number> {
    return this.retries;
  }

  async sign(challenge: Uint8Array, pin: string): Promise<Buffer> {
    if (this.retries <= 0) throw new CardLockedError();
    if (pin !== this.pin) {
      this.retries--;
      if (this.retries === 0) throw new CardLockedError();
      throw new CardPinIncorrectError(this.retries);
    }
    this.retries = CARD_PIN_MAX_RETRIES;
    return sign('sha256', challenge, { key: this.privateKey, dsaEncoding: 'der' });
  }
}

export interface BenchCard {
  residentId: number;
  cardSerial: string;
  reader: CardReader;
}

export interface KioskFleet {
  kiosks: BenchKiosk[];
  /** Card holders who can get their own 住民票 at a kiosk, in resident order. */
  cards: BenchCard[];
  cardKind: CardKind;
  pin: string;
  /** Where virtual card files were written (removed by `dispose`). */
  cardDir?: string;
  /** Milliseconds spent making the cards (scrypt for virtual files). */
  cardSetupMs: number;
  dispose(): void;
}

/**
 * Residents of the town who hold an active card with a certificate valid now
 * (and tomorrow), who live here and have no 支援措置: the people who may get
 * their own 住民票 at a convenience store. Their newest card, as
 * writeDemoVirtualCard picks it.
 */
async function cardHolders(db: Kysely<DB>, municipalityCode: string, now: Date, limit: number) {
  const soon = new Date(now.getTime() + 86_400_000);
  const rows = await sql<{ resident_id: number; card_serial: string; certificate_pem: string }>`
    select resident_id, card_serial, certificate_pem from (
      select distinct on (c.resident_id) c.resident_id, c.card_serial, c.certificate_pem, c.status,
             c.not_before, c.not_after
      from mynumber_card c
      join resident r on r.municipality_code = c.municipality_code and r.resident_id = c.resident_id
      where c.municipality_code = ${municipalityCode} and r.status = 'active' and not r.support_measure
      order by c.resident_id, c.issued_on desc, c.card_serial desc
    ) newest
    where status = 'active' and not_before <= ${now} and not_after > ${soon}
    order by resident_id limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    residentId: Number(r.resident_id),
    cardSerial: r.card_serial,
    certificatePem: r.certificate_pem,
  }));
}

async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>) {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

/**
 * Registers `kiosks` convenience-store kiosks (Ed25519 keys kept here) and
 * makes the cards of up to `maxCards` card holders.
 */
export async function prepareKioskFleet(
  db: Kysely<DB>,
  options: {
    municipalityCode: string;
    seed: number;
    kiosks: number;
    maxCards: number;
    cardKind?: CardKind;
    pin?: string;
    now?: Date;
  },
): Promise<KioskFleet> {
  const pin = options.pin ?? DEMO_CARD_PIN;
  const cardKind = options.cardKind ?? 'chip';
  // The server trusts the same CA when it starts (serve.ts); trusting it here too
  // makes the fleet usable by a server that does not.
  await trustDemoJpkiCa({ db }, options.seed);
  const tag = Date.now().toString(36);
  const kiosks: BenchKiosk[] = [];
  for (let i = 0; i < options.kiosks; i++) {
    const keys = generateKeyPairSync('ed25519');
    const kioskId = `bench-store-${tag}-${String(i + 1).padStart(4, '0')}`;
    await registerKiosk(
      { db },
      { id: 'bench-operator' },
      {
        kioskId,
        kind: 'store',
        operator: { storeOperator: 'ベンチマート株式会社' },
        location: `ベンチマート 見本${i + 1}号店`,
        prefecture: '見本県',
        inCity: i % 3 !== 0,
        publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    );
    kiosks.push({ kioskId, privateKey: keys.privateKey });
  }

  const holders = await cardHolders(
    db,
    options.municipalityCode,
    options.now ?? new Date(),
    options.maxCards,
  );
  const started = performance.now();
  let cardDir: string | undefined;
  let cards: BenchCard[];
  if (cardKind === 'chip') {
    cards = holders.map((holder) => {
      const keyPair = cardKeyPair(options.seed, options.municipalityCode, holder.cardSerial);
      const certificate = new X509Certificate(holder.certificatePem);
      if (!certificate.checkPrivateKey(keyPair.privateKey))
        throw new Error(`card ${holder.cardSerial} was not seeded with seed ${options.seed}`);
      return {
        residentId: holder.residentId,
        cardSerial: holder.cardSerial,
        reader: new ChipCard(certificate.raw, keyPair.privateKey, pin),
      };
    });
  } else {
    // Memory-backed when available: the chip does not write to a disk either.
    const base = process.platform === 'linux' ? '/dev/shm' : tmpdir();
    cardDir = mkdtempSync(join(base, 'madoguchi-bench-cards-'));
    const dir = cardDir;
    cards = await inBatches(holders, 4, async (holder) => {
      const path = join(dir, `${holder.cardSerial}.json`);
      await writeDemoVirtualCard(
        { db },
        {
          seed: options.seed,
          municipalityCode: options.municipalityCode,
          residentId: holder.residentId,
          path,
          pin,
        },
      );
      return {
        residentId: holder.residentId,
        cardSerial: holder.cardSerial,
        reader: await openVirtualCard(path),
      };
    });
  }
  const cardSetupMs = Math.round(performance.now() - started);
  return {
    kiosks,
    cards,
    cardKind,
    pin,
    ...(cardDir ? { cardDir } : {}),
    cardSetupMs,
    dispose() {
      if (cardDir) rmSync(cardDir, { recursive: true, force: true });
    },
  };
}

/** Whether a store kiosk serves a 住民票 at `at` under `config`. */
export function kioskOpenAt(at: Date, config: ServiceHoursConfig = DEMO_SERVICE_HOURS): boolean {
  return checkServiceHours({ channel: 'kiosk', kioskKind: 'store', certificate: 'juminhyo', at, config }).ok;
}

export interface KioskHours {
  /** `standard`: the demo town's hours (6:30–23:00); `extended`: the town's kiosks open all day for this run. */
  mode: 'standard' | 'extended';
  /** Tokyo wall clock at the start of the run. */
  tokyoTime: string;
  note: string;
}

/**
 * Keeps the kiosk path measurable at any hour. When the run (`withinMs` from
 * now) fits in the demo town's kiosk hours, nothing changes. Otherwise the
 * town's administrator saves opening hours with the kiosks open all day
 * (setServiceHours: a new, audited version of the town's hours; everything
 * else as before), the way a town can set its own terminals' hours. The rule
 * is still checked on every request — against that configuration — and the
 * figures say which hours applied.
 */
export async function kioskHoursForRun(
  db: Kysely<DB>,
  municipalityCode: string,
  withinMs: number,
  now = new Date(),
): Promise<KioskHours> {
  const tokyo = toTokyoWallClock(now);
  const tokyoTime = `${tokyo.local.slice(0, 16).replace('T', ' ')} JST`;
  if (kioskOpenAt(now) && kioskOpenAt(new Date(now.getTime() + withinMs)))
    return { mode: 'standard', tokyoTime, note: 'kiosk hours 6:30–23:00 (the demo town)' };
  const config: ServiceHoursConfig = {
    ...DEMO_SERVICE_HOURS,
    kiosk: { windows: [{ days: EVERY_DAY, open: '00:00', close: '24:00', onHolidays: true }] },
  };
  await setServiceHours(
    { db },
    { municipalityCode, staffId: 'bench-admin', terminalId: 'bench' },
    {
      config,
      baseVersion: 0,
      reason: 'ベンチマーク: 時間外の実行のため、端末の受付時間を終日に設定 (benchmark outside kiosk hours)',
    },
  );
  return {
    mode: 'extended',
    tokyoTime,
    note: `run at ${tokyoTime}, outside the demo town's kiosk hours (6:30–23:00): the bench town's administrator set its kiosks open all day for this run (setServiceHours)`,
  };
}
