/**
 * The virtual My Number card: a JSON file standing in for the chip in the demo
 * and in tests. It behaves like the card where it matters to the server and
 * the kiosk: it hands out its certificate freely, signs only after the right
 * PIN, counts wrong PINs itself and stays locked after 3 (across restarts,
 * since the counter is in the file) until the counter is reset.
 *
 * The private key is encrypted (AES-256-GCM) under a random card key; the card
 * key is wrapped twice, under a key derived from the PIN (scrypt) and under the
 * card issuer's reset secret, the way a real card's PIN reset needs the
 * issuer's authority rather than the old PIN. A 4-digit PIN cannot protect a
 * copied file against an offline search, which is why this is a demo device:
 * a real card never lets its key out.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  type KeyObject,
  randomBytes,
  scrypt as scryptCallback,
  sign,
  X509Certificate,
} from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type CertificateInput, derToPem, toDer } from '../../crypto/x509.js';
import {
  CARD_PIN_MAX_RETRIES,
  CARD_PIN_PATTERN,
  CardError,
  CardLockedError,
  CardPinIncorrectError,
  type CardReader,
} from '../domain/card-reader.js';

const FORMAT = 'madoguchi-virtual-card';
const VERSION = 1;
/** The demo card issuer's reset secret; a deployment may set its own when writing cards. */
export const DEMO_CARD_ISSUER_SECRET = 'madoguchi demo card issuer (not a secret)';

interface Sealed {
  iv: string;
  tag: string;
  ciphertext: string;
}

interface Wrap extends Sealed {
  salt: string;
  /** scrypt cost parameters, kept in the file so they can change later. */
  N: number;
  r: number;
  p: number;
}

interface VirtualCardFile {
  format: typeof FORMAT;
  version: typeof VERSION;
  certificate: string;
  key: Sealed;
  pinWrap: Wrap;
  issuerWrap: Wrap;
  maxRetries: number;
  retriesLeft: number;
}

const SCRYPT = { N: 1 << 14, r: 8, p: 1 };

function scrypt(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    scryptCallback(secret, salt, 32, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolvePromise(key),
    );
  });
}

function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** undefined when the key is wrong (the GCM tag does not match). */
function open_(key: Buffer, sealed: Sealed, aad: string): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return undefined;
  }
}

async function wrap(secret: string, cardKey: Buffer, aad: string): Promise<Wrap> {
  const salt = randomBytes(16);
  const kek = await scrypt(secret, salt, SCRYPT);
  return { salt: salt.toString('base64'), ...SCRYPT, ...seal(kek, cardKey, aad) };
}

async function unwrap(secret: string, w: Wrap, aad: string): Promise<Buffer | undefined> {
  const kek = await scrypt(secret, Buffer.from(w.salt, 'base64'), { N: w.N, r: w.r, p: w.p });
  return open_(kek, w, aad);
}

function checkPin(pin: string): void {
  if (!CARD_PIN_PATTERN.test(pin)) throw new CardError('pin_malformed', 'the PIN must be 4 digits');
}

// One operation at a time per file in this process: the retry counter is a
// read-modify-write. (Two processes sharing one card file is not supported,
// as two readers cannot hold one physical card either.)
const queues = new Map<string, Promise<unknown>>();
function exclusive<T>(path: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve();
  const run = previous.then(work, work);
  const settled = run.catch(() => undefined);
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return run;
}

/** Write to a temporary file in the same directory, flush it, then rename over the card. */
async function writeAtomically(path: string, data: VirtualCardFile): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // Make the rename itself durable; some file systems refuse to fsync a directory.
  const dir = await open(dirname(path), 'r').catch(() => undefined);
  if (dir)
    await dir
      .sync()
      .catch(() => undefined)
      .finally(() => dir.close());
}

async function readCardFile(path: string): Promise<VirtualCardFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CardError('card_unreadable', `cannot read the virtual card ${path}`, { cause: error });
  }
  const file = parsed as Partial<VirtualCardFile>;
  if (
    file.format !== FORMAT ||
    file.version !== VERSION ||
    typeof file.certificate !== 'string' ||
    !file.key ||
    !file.pinWrap ||
    !file.issuerWrap ||
    !Number.isInteger(file.maxRetries) ||
    !Number.isInteger(file.retriesLeft) ||
    file.retriesLeft! < 0 ||
    file.retriesLeft! > file.maxRetries!
  ) {
    throw new CardError('card_unreadable', `${path} is not a virtual card file`);
  }
  return file as VirtualCardFile;
}

export interface WriteVirtualCardOptions {
  certificate: CertificateInput;
  privateKey: KeyObject;
  pin: string;
  /** Defaults to 3; tests may write a card that is already locked (0). */
  retriesLeft?: number;
  issuerSecret?: string;
}

/** Creates (or replaces) a virtual card file holding the key, its certificate and a fresh PIN counter. */
export async function writeVirtualCard(path: string, options: WriteVirtualCardOptions): Promise<void> {
  checkPin(options.pin);
  const der = toDer(options.certificate);
  if (!new X509Certificate(der).checkPrivateKey(options.privateKey))
    throw new Error('the private key does not belong to the certificate');
  const retriesLeft = options.retriesLeft ?? CARD_PIN_MAX_RETRIES;
  if (!Number.isInteger(retriesLeft) || retriesLeft < 0 || retriesLeft > CARD_PIN_MAX_RETRIES)
    throw new Error(`retriesLeft must be 0…${CARD_PIN_MAX_RETRIES}`);
  const cardKey = randomBytes(32);
  const pkcs8 = options.privateKey.export({ type: 'pkcs8', format: 'der' });
  const file: VirtualCardFile = {
    format: FORMAT,
    version: VERSION,
    certificate: derToPem(der),
    key: seal(cardKey, pkcs8, 'key'),
    pinWrap: await wrap(options.pin, cardKey, 'pin'),
    issuerWrap: await wrap(options.issuerSecret ?? DEMO_CARD_ISSUER_SECRET, cardKey, 'issuer'),
    maxRetries: CARD_PIN_MAX_RETRIES,
    retriesLeft,
  };
  const target = resolve(path);
  await exclusive(target, () => writeAtomically(target, file));
}

/**
 * The counter reset done at the municipal counter (暗証番号の再設定): needs the
 * issuer's secret, not the forgotten PIN, sets the new PIN and a full counter.
 */
export async function resetVirtualCardPin(
  path: string,
  newPin: string,
  options: { issuerSecret?: string } = {},
): Promise<void> {
  checkPin(newPin);
  const target = resolve(path);
  await exclusive(target, async () => {
    const file = await readCardFile(target);
    const cardKey = await unwrap(options.issuerSecret ?? DEMO_CARD_ISSUER_SECRET, file.issuerWrap, 'issuer');
    if (!cardKey) throw new CardError('card_unreadable', 'the issuer secret does not open this card');
    await writeAtomically(target, {
      ...file,
      pinWrap: await wrap(newPin, cardKey, 'pin'),
      retriesLeft: file.maxRetries,
    });
  });
}

/** Opens a virtual card; every operation reads the file again, so a lock seen by one handle holds for all. */
export async function openVirtualCard(path: string): Promise<VirtualCard> {
  const target = resolve(path);
  await readCardFile(target);
  return new VirtualCard(target);
}

export class VirtualCard implements CardReader {
  constructor(readonly path: string) {}

  async readCertificate(): Promise<Buffer> {
    const file = await readCardFile(this.path);
    return toDer(file.certificate);
  }

  async retriesLeft(): Promise<number> {
    return (await readCardFile(this.path)).retriesLeft;
  }

  sign(challenge: Uint8Array, pin: string): Promise<Buffer> {
    return exclusive(this.path, async () => {
      checkPin(pin);
      const file = await readCardFile(this.path);
      if (file.retriesLeft <= 0) throw new CardLockedError();
      // Like a chip, count the try before checking: pulling the card (or
      // killing the process) halfway must not give a free guess.
      const counted = { ...file, retriesLeft: file.retriesLeft - 1 };
      await writeAtomically(this.path, counted);
      const cardKey = await unwrap(pin, file.pinWrap, 'pin');
      if (!cardKey) {
        if (counted.retriesLeft === 0) throw new CardLockedError();
        throw new CardPinIncorrectError(counted.retriesLeft);
      }
      await writeAtomically(this.path, { ...file, retriesLeft: file.maxRetries });
      const pkcs8 = open_(cardKey, file.key, 'key');
      if (!pkcs8) throw new CardError('card_unreadable', 'the card key does not open the private key');
      const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
      if (key.asymmetricKeyType === 'rsa')
        return sign('sha256', challenge, { key, padding: constants.RSA_PKCS1_PADDING });
      return sign('sha256', challenge, { key, dsaEncoding: 'der' });
    });
  }
}
