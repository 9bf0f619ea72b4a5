import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSelfSignedCa,
  type IssuedCertificate,
  issueCertificate,
  type KeyPair,
} from '../../crypto/x509.js';
import { CardError, CardLockedError, CardPinIncorrectError } from '../domain/card-reader.js';
import { openVirtualCard, resetVirtualCardPin, writeVirtualCard } from './virtual-card.js';

function issue(keyPair: KeyPair, ca: { cert: IssuedCertificate; key: KeyPair }): IssuedCertificate {
  return issueCertificate({
    subject: [
      ['C', 'JP'],
      ['CN', 'test card'],
    ],
    subjectPublicKey: keyPair.publicKey,
    issuerCert: ca.cert.x509,
    issuerKey: ca.key.privateKey,
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2030-01-01T00:00:00Z'),
    keyUsage: ['digitalSignature'],
  });
}

describe('virtual card', () => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-vcard-'));
  let ca: { cert: IssuedCertificate; key: KeyPair };
  let cardKey: KeyPair;
  let cardCert: IssuedCertificate;

  beforeAll(() => {
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    ca = {
      key,
      cert: createSelfSignedCa({
        subject: [
          ['C', 'JP'],
          ['CN', 'test CA'],
        ],
        keyPair: key,
        notBefore: new Date('2020-01-01T00:00:00Z'),
        notAfter: new Date('2040-01-01T00:00:00Z'),
      }),
    };
    cardKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    cardCert = issue(cardKey, ca);
  });

  it('hands out its certificate without a PIN and signs with the right PIN', async () => {
    const path = join(dir, 'ok.json');
    await writeVirtualCard(path, { certificate: cardCert.der, privateKey: cardKey.privateKey, pin: '4321' });
    const card = await openVirtualCard(path);
    expect((await card.readCertificate()).equals(cardCert.der)).toBe(true);
    const message = Buffer.from('challenge bytes');
    const signature = await card.sign(message, '4321');
    expect(verify('sha256', message, { key: cardKey.publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    expect(await card.retriesLeft()).toBe(3);
  });

  it('counts wrong PINs, restores the counter on a right one, and locks after three in a row', async () => {
    const path = join(dir, 'lock.json');
    await writeVirtualCard(path, { certificate: cardCert.der, privateKey: cardKey.privateKey, pin: '1111' });
    const card = await openVirtualCard(path);
    await expect(card.sign(Buffer.from('x'), '0000')).rejects.toMatchObject({
      code: 'pin_incorrect',
      retriesLeft: 2,
    });
    await card.sign(Buffer.from('x'), '1111');
    expect(await card.retriesLeft()).toBe(3);
    const first = await card.sign(Buffer.from('x'), '0001').catch((e) => e);
    expect(first).toBeInstanceOf(CardPinIncorrectError);
    expect(first.retriesLeft).toBe(2);
    await expect(card.sign(Buffer.from('x'), '0002')).rejects.toMatchObject({ retriesLeft: 1 });
    await expect(card.sign(Buffer.from('x'), '0003')).rejects.toBeInstanceOf(CardLockedError);
    // Locked means locked, even for the right PIN.
    await expect(card.sign(Buffer.from('x'), '1111')).rejects.toBeInstanceOf(CardLockedError);

    // A new process opening the same file sees the lock.
    const reopened = await openVirtualCard(path);
    expect(await reopened.retriesLeft()).toBe(0);
    await expect(reopened.sign(Buffer.from('x'), '1111')).rejects.toBeInstanceOf(CardLockedError);
  });

  it('is unlocked only by the issuer reset, which sets a new PIN', async () => {
    const path = join(dir, 'reset.json');
    await writeVirtualCard(path, {
      certificate: cardCert.der,
      privateKey: cardKey.privateKey,
      pin: '1111',
      retriesLeft: 0,
      issuerSecret: 'town hall secret',
    });
    const card = await openVirtualCard(path);
    await expect(resetVirtualCardPin(path, '2222', { issuerSecret: 'wrong' })).rejects.toMatchObject({
      code: 'card_unreadable',
    });
    expect(await card.retriesLeft()).toBe(0);
    await resetVirtualCardPin(path, '2222', { issuerSecret: 'town hall secret' });
    expect(await card.retriesLeft()).toBe(3);
    await expect(card.sign(Buffer.from('x'), '1111')).rejects.toBeInstanceOf(CardPinIncorrectError);
    const signature = await card.sign(Buffer.from('x'), '2222');
    expect(verify('sha256', Buffer.from('x'), cardKey.publicKey, signature)).toBe(true);
  });

  it('refuses a malformed PIN without spending a try', async () => {
    const path = join(dir, 'malformed.json');
    await writeVirtualCard(path, { certificate: cardCert.der, privateKey: cardKey.privateKey, pin: '1111' });
    const card = await openVirtualCard(path);
    for (const pin of ['111', '11111', 'abcd', '']) {
      await expect(card.sign(Buffer.from('x'), pin)).rejects.toMatchObject({ code: 'pin_malformed' });
    }
    expect(await card.retriesLeft()).toBe(3);
  });

  it('serialises concurrent tries on one card: three parallel wrong PINs lock it, never more', async () => {
    const path = join(dir, 'parallel.json');
    await writeVirtualCard(path, { certificate: cardCert.der, privateKey: cardKey.privateKey, pin: '1111' });
    const card = await openVirtualCard(path);
    const results = await Promise.allSettled(
      ['0001', '0002', '0003', '0004', '1111'].map((pin) => card.sign(Buffer.from('x'), pin)),
    );
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as CardError).code : 'signed'));
    expect(codes).toEqual(['pin_incorrect', 'pin_incorrect', 'pin_locked', 'pin_locked', 'pin_locked']);
    expect(await card.retriesLeft()).toBe(0);
  });

  it('writes atomically: no temporary files stay behind, and the key is not stored in clear', async () => {
    const path = join(dir, 'atomic.json');
    await writeVirtualCard(path, { certificate: cardCert.der, privateKey: cardKey.privateKey, pin: '1111' });
    const card = await openVirtualCard(path);
    await card.sign(Buffer.from('x'), '0000').catch(() => undefined);
    await card.sign(Buffer.from('x'), '1111');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const text = readFileSync(path, 'utf8');
    const pkcs8 = cardKey.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    expect(text).not.toContain(pkcs8.slice(20, 60));
    expect(text).not.toContain('PRIVATE KEY');
  });

  it('signs with RSA PKCS#1 v1.5 for an RSA card, as the real JPKI card does', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cert = issue(rsa, ca);
    const path = join(dir, 'rsa.json');
    await writeVirtualCard(path, { certificate: cert.der, privateKey: rsa.privateKey, pin: '1234' });
    const signature = await (await openVirtualCard(path)).sign(Buffer.from('m'), '1234');
    expect(verify('sha256', Buffer.from('m'), rsa.publicKey, signature)).toBe(true);
  });

  it('refuses a key that is not the certificate’s, and files that are not cards', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await expect(
      writeVirtualCard(join(dir, 'bad.json'), {
        certificate: cardCert.der,
        privateKey: other.privateKey,
        pin: '1111',
      }),
    ).rejects.toThrow(/does not belong/);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"format":"something else"}');
    await expect(openVirtualCard(junk)).rejects.toBeInstanceOf(CardError);
    await expect(openVirtualCard(join(dir, 'missing.json'))).rejects.toMatchObject({
      code: 'card_unreadable',
    });
  });
});
