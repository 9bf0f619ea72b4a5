/**
 * The demo terminal: a registered kiosk with its own key kept under the data
 * directory, simulated devices, and a card slot holding a few residents'
 * virtual cards of the seeded demo town. Card files are written once and then
 * kept, so a PIN locked in the demo stays locked across restarts, as a real
 * card would.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { KioskKind } from '../../../domain/channel-rules.js';
import { writeDemoVirtualCard } from '../../../identity/use-cases/demo-jpki.js';
import { registerKiosk } from '../../../identity/use-cases/register-kiosk.js';
import { isAppError } from '../../../shared/errors.js';
import {
  type DemoCardCandidate,
  findDemoCardHolders,
  listDemoCardCandidates,
} from '../data/demo-cards.repository.js';
import { type SimulatedCard, SimulatedCardReader } from '../devices/card-reader.js';
import { SimulatedCashUnit } from '../devices/cash-unit.js';
import { SimulatedPrinter } from '../devices/printer.js';
import { KioskAgent, type KioskTimeouts } from './kiosk-agent.js';
import type { KioskApiTransport } from './kiosk-api-client.js';

export interface DemoKioskAgentOptions {
  db: Kysely<DB>;
  /** The server's data directory; the agent keeps its key and card files in `<dataDir>/kiosk-agent`. */
  dataDir: string;
  /** The seed the demo town was made with (its card keys derive from it). */
  seed: number;
  municipalityCode: string;
  /** A convenience-store machine (default) or the town hall's own terminal. */
  kind?: KioskKind;
  /** How many residents' cards the slot offers (default 4). */
  cards?: number;
  upstream?: KioskApiTransport | 'in-process';
  clock?: () => Date;
  timeouts?: Partial<KioskTimeouts>;
}

interface KioskIdentityFile {
  kioskId: string;
  kind: KioskKind;
}

/** Registers (once) the demo kiosk and prepares its devices; mount the result with kioskAgentRoutes. */
export async function createDemoKioskAgent(options: DemoKioskAgentOptions): Promise<KioskAgent> {
  const kind = options.kind ?? 'store';
  const clock = options.clock ?? (() => new Date());
  const dir = join(options.dataDir, 'kiosk-agent', kind);
  mkdirSync(join(dir, 'cards'), { recursive: true, mode: 0o700 });
  const { kioskId, privateKey, location } = await demoKioskIdentity(options, dir, kind);
  const cards = await demoCards(options, join(dir, 'cards'), clock());
  return new KioskAgent({
    kiosk: { id: kioskId, privateKey, kind, location },
    devices: {
      cardReader: new SimulatedCardReader(cards),
      cashUnit: new SimulatedCashUnit(),
      printer: new SimulatedPrinter(),
    },
    upstream: options.upstream ?? 'in-process',
    clock,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  });
}

async function demoKioskIdentity(options: DemoKioskAgentOptions, dir: string, kind: KioskKind) {
  const idFile = join(dir, 'kiosk.json');
  const keyFile = join(dir, 'kiosk-key.pem');
  let identity: KioskIdentityFile;
  let privateKey: KeyObject;
  if (existsSync(idFile) && existsSync(keyFile)) {
    identity = JSON.parse(readFileSync(idFile, 'utf8')) as KioskIdentityFile;
    privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
  } else {
    // The key is made here and never leaves the kiosk; the server is told only the public half.
    const pair = generateKeyPairSync('ed25519');
    privateKey = pair.privateKey;
    identity = {
      kioskId: `demo-${kind === 'store' ? 'store' : 'hall'}-${randomBytes(4).toString('hex')}`,
      kind,
    };
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(idFile, `${JSON.stringify(identity, null, 2)}\n`, { mode: 0o600 });
  }
  const location = kind === 'store' ? '見本マート 見本駅前店（デモ）' : '見本市役所 本庁舎1階（デモ）';
  try {
    await registerKiosk(
      { db: options.db },
      { id: 'madoguchi-demo' },
      {
        kioskId: identity.kioskId,
        kind,
        operator:
          kind === 'store'
            ? { storeOperator: '見本マート株式会社' }
            : { municipalityCode: options.municipalityCode },
        location,
        prefecture: '見本県',
        inCity: true,
        publicKeyPem: pemOfPublicKey(privateKey),
      },
    );
  } catch (error) {
    // Registered at an earlier start, with this same key.
    if (!isAppError(error) || error.code !== 'kiosk.already_registered') throw error;
  }
  return { kioskId: identity.kioskId, privateKey, location };
}

function pemOfPublicKey(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}

/** The card slot's residents: one who can print everything, then a varied few. */
export function chooseDemoResidents(
  candidates: readonly DemoCardCandidate[],
  count: number,
): DemoCardCandidate[] {
  const chosen: DemoCardCandidate[] = [];
  const take = (test: (c: DemoCardCandidate) => boolean) => {
    const found = candidates.find((c) => !chosen.includes(c) && test(c));
    if (found && chosen.length < count) chosen.push(found);
  };
  take((c) => c.hasSeal && c.hasKoseki && c.hasTax && c.householdSize >= 2);
  take((c) => c.householdSize === 1 && c.hasTax);
  take((c) => c.isForeign);
  take((c) => c.hasKoseki && !c.hasSeal);
  for (const candidate of candidates)
    if (chosen.length < count && !chosen.includes(candidate)) chosen.push(candidate);
  return chosen;
}

async function demoCards(options: DemoKioskAgentOptions, dir: string, now: Date): Promise<SimulatedCard[]> {
  // The slot is chosen once and kept: a card locked or revoked in the demo stays where it was.
  const slotFile = join(dir, 'slot.json');
  let chosen: DemoCardCandidate[];
  if (existsSync(slotFile)) {
    const residentIds = (JSON.parse(readFileSync(slotFile, 'utf8')) as { residentIds: number[] }).residentIds;
    chosen = await findDemoCardHolders(options.db, options.municipalityCode, residentIds);
  } else {
    const candidates = await listDemoCardCandidates(options.db, options.municipalityCode, now);
    chosen = chooseDemoResidents(candidates, options.cards ?? 4);
    writeFileSync(slotFile, `${JSON.stringify({ residentIds: chosen.map((c) => c.residentId) })}\n`, {
      mode: 0o600,
    });
  }
  const cards: SimulatedCard[] = [];
  for (const [index, resident] of chosen.entries()) {
    const path = join(dir, `resident-${resident.residentId}.json`);
    // Written once: the PIN counter in the file is the card's, and must survive restarts.
    if (!existsSync(path))
      await writeDemoVirtualCard(
        { db: options.db },
        {
          seed: options.seed,
          municipalityCode: options.municipalityCode,
          residentId: resident.residentId,
          path,
        },
      );
    cards.push({
      id: `card-${index + 1}`,
      path,
      holderName: `${resident.familyName}${resident.isForeign ? ' ' : '　'}${resident.givenName}`,
      householdSize: resident.householdSize,
      hasSeal: resident.hasSeal,
      hasKoseki: resident.hasKoseki,
      hasTax: resident.hasTax,
    });
  }
  return cards;
}
