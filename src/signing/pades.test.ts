import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCa, issueCertificate } from '../crypto/x509.js';
import { AppError } from '../shared/errors.js';
import { parseSignedData } from './cms.js';
import {
  createMunicipalitySigningIdentity,
  type LoadedSigningIdentity,
  loadSigningIdentity,
} from './keys.js';
import { preparePdfForSigning, signPdf, signPreparedPdf } from './pades.js';
import { verifyPdfSignature } from './verify-pdf.js';

const PASSPHRASE = 'correct horse battery staple 2024';
const SIGNING_TIME = new Date(Date.UTC(2024, 1, 9, 0, 30, 15));

function has(command: string): boolean {
  return spawnSync(command, ['-v'], { stdio: 'ignore' }).error === undefined;
}

async function samplePdf(text = 'Juminhyo sample'): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(text, { x: 72, y: 760, size: 14, font });
  return doc.save();
}

function flip(bytes: Uint8Array, at: number, mask = 0x01): Uint8Array {
  if (at < 0 || at >= bytes.length) throw new RangeError(`no byte at ${at}`);
  const copy = Uint8Array.from(bytes);
  copy[at]! ^= mask;
  return copy;
}

let dir: string;
let identity: LoadedSigningIdentity;
let unsigned: Uint8Array;
let signed: Uint8Array;

function sign(pdf: Uint8Array) {
  return signPdf(pdf, {
    privateKey: identity.privateKey,
    certificateChain: identity.certificateChain,
    signingTime: SIGNING_TIME,
    reason: '住民票の写しの交付',
    location: '𠮷野町役場',
    name: '𠮷野町長 髙橋 一郎',
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pades-test-'));
  const stored = await createMunicipalitySigningIdentity({
    municipalityCode: '131016',
    name: '𠮷野町',
    mayorName: '髙橋 一郎',
    now: new Date(Date.UTC(2024, 0, 1)),
    passphrase: PASSPHRASE,
    signingKeyBits: 3072,
  });
  identity = loadSigningIdentity(stored, PASSPHRASE);
  unsigned = await samplePdf();
  signed = await sign(unsigned);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('signPdf', () => {
  it('produces a signature that poppler reports as valid', () => {
    if (!has('pdfsig')) return;
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, signed);
    const result = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    const out = result.stdout;
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Signer Certificate Common Name: 𠮷野町長 髙橋 一郎');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signing Time: Feb 09 2024 00:30:15');
  });

  it('is accepted by openssl cms over the byte ranges', () => {
    if (!has('openssl')) return;
    const pdf = Buffer.from(signed);
    const verified = verifyPdfSignature(signed, [identity.trustAnchor]);
    const [, b, c] = verified.byteRange!;
    const cms = Buffer.from(pdf.toString('latin1', b + 1, c - 1).replace(/(00)+$/, ''), 'hex');
    writeFileSync(join(dir, 'sig.der'), cms);
    writeFileSync(join(dir, 'content.bin'), Buffer.concat([pdf.subarray(0, b), pdf.subarray(c)]));
    writeFileSync(join(dir, 'root.pem'), identity.trustAnchor.toString());
    const out = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'sig.der'),
        '-content',
        join(dir, 'content.bin'),
        '-CAfile',
        join(dir, 'root.pem'),
        '-purpose',
        'any',
        '-attime',
        String(SIGNING_TIME.getTime() / 1000),
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(out).toBe('');
  });

  it('embeds the chain and PAdES signed attributes without signingTime', () => {
    const verified = verifyPdfSignature(signed, [identity.trustAnchor]);
    const [, b, c] = verified.byteRange!;
    const hex = Buffer.from(signed).toString('latin1', b + 1, c - 1);
    const cms = parseSignedData(Buffer.from(hex.replace(/(00)+$/, ''), 'hex'));
    expect(cms.certificates).toHaveLength(2);
    const attributes = [...cms.signerInfos[0]!.attributes.keys()].sort();
    expect(attributes).toEqual([
      '1.2.840.113549.1.9.16.2.47', // signingCertificateV2
      '1.2.840.113549.1.9.3', // contentType
      '1.2.840.113549.1.9.4', // messageDigest
    ]);
  });

  it('is deterministic: same input, key and time give the same bytes', async () => {
    const again = await sign(unsigned);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(signed))).toBe(0);
    const other = await sign(await samplePdf('another document'));
    expect(Buffer.compare(Buffer.from(other), Buffer.from(signed))).not.toBe(0);
  });

  it('signs a document prepared before its first save', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage().drawText('prepared', { x: 50, y: 50 });
    preparePdfForSigning(doc, { signingTime: SIGNING_TIME, reason: 'test' });
    const prepared = await doc.save({ useObjectStreams: false });
    const before = Buffer.from(prepared);
    const out = signPreparedPdf(prepared, identity);
    expect(Buffer.compare(Buffer.from(prepared), before)).toBe(0); // input untouched
    expect(out.length).toBe(prepared.length);
    expect(verifyPdfSignature(out, [identity.trustAnchor])).toMatchObject({ valid: true });
    expect(() => signPreparedPdf(out, identity)).toThrow(/placeholder/);
  });

  it('refuses documents saved with object streams, small placeholders and EC keys', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    preparePdfForSigning(doc, { signingTime: SIGNING_TIME });
    const compressed = await doc.save({ useObjectStreams: true });
    expect(() => signPreparedPdf(compressed, identity)).toThrow(AppError);

    const small = await PDFDocument.create();
    small.addPage();
    preparePdfForSigning(small, { signingTime: SIGNING_TIME, placeholderBytes: 1024 });
    const smallBytes = await small.save({ useObjectStreams: false });
    expect(() => signPreparedPdf(smallBytes, identity)).toThrow(/placeholder holds 1024/);

    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ca = createSelfSignedCa({
      subject: [['CN', 'EC']],
      keyPair: ec,
      notBefore: SIGNING_TIME,
      notAfter: new Date(Date.UTC(2030, 0, 1)),
    });
    await expect(
      signPdf(unsigned, {
        privateKey: ec.privateKey,
        certificateChain: [ca.x509],
        signingTime: SIGNING_TIME,
      }),
    ).rejects.toThrow(/RSA/);
  });
});

describe('verifyPdfSignature', () => {
  it('accepts the untouched document and reports the signer', () => {
    const result = verifyPdfSignature(signed, [identity.trustAnchor]);
    expect(result).toMatchObject({
      valid: true,
      signerSubject: 'C=JP\nO=𠮷野町\nserialNumber=131016\nCN=𠮷野町長 髙橋 一郎',
      byteRangeCoversWholeFile: true,
      subFilter: 'ETSI.CAdES.detached',
    });
    expect(result.signingTime?.getTime()).toBe(SIGNING_TIME.getTime());
    expect(result.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(result.failure).toBeUndefined();
  });

  it('fails a chain that does not reach a trusted root', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stranger = createSelfSignedCa({
      subject: [['CN', 'someone else']],
      keyPair: other,
      notBefore: new Date(Date.UTC(2020, 0, 1)),
      notAfter: new Date(Date.UTC(2030, 0, 1)),
    });
    expect(verifyPdfSignature(signed, [stranger.x509])).toMatchObject({
      valid: false,
      failure: 'untrusted_chain',
    });
    expect(verifyPdfSignature(signed, [])).toMatchObject({ valid: false, failure: 'untrusted_chain' });
  });

  it('follows a chain through an intermediate and refuses certificates off the chain', async () => {
    const keys = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
    const [rootKeys, midKeys, leafKeys, strayKeys] = [keys(), keys(), keys(), keys()];
    const validity = { notBefore: new Date(Date.UTC(2020, 0, 1)), notAfter: new Date(Date.UTC(2030, 0, 1)) };
    const root = createSelfSignedCa({ subject: [['CN', 'Root']], keyPair: rootKeys, ...validity });
    const mid = issueCertificate({
      subject: [['CN', 'Intermediate']],
      subjectPublicKey: midKeys.publicKey,
      issuerCert: root.x509,
      issuerKey: rootKeys.privateKey,
      keyUsage: ['keyCertSign', 'cRLSign'],
      isCa: true,
      ...validity,
    });
    const leaf = issueCertificate({
      subject: [['CN', 'Signer']],
      subjectPublicKey: leafKeys.publicKey,
      issuerCert: mid.x509,
      issuerKey: midKeys.privateKey,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      ...validity,
    });
    const stray = createSelfSignedCa({ subject: [['CN', 'Stray']], keyPair: strayKeys, ...validity });
    const base = { privateKey: leafKeys.privateKey, signingTime: SIGNING_TIME };

    const good = await signPdf(unsigned, { ...base, certificateChain: [leaf.der, mid.der] });
    expect(verifyPdfSignature(good, [root.x509])).toMatchObject({ valid: true, signerSubject: 'CN=Signer' });
    // The intermediate is needed: without it no path reaches the root.
    const short = await signPdf(unsigned, { ...base, certificateChain: [leaf.der] });
    expect(verifyPdfSignature(short, [root.x509])).toMatchObject({
      valid: false,
      failure: 'untrusted_chain',
    });
    expect(verifyPdfSignature(short, [root.x509, mid.x509])).toMatchObject({ valid: true });

    const extra = await signPdf(unsigned, { ...base, certificateChain: [leaf.der, mid.der, stray.der] });
    expect(verifyPdfSignature(extra, [root.x509])).toMatchObject({
      valid: false,
      failure: 'altered_container',
    });
    expect(verifyPdfSignature(extra, [root.x509], { strict: false })).toMatchObject({ valid: true });
  });

  it('fails when a certificate was not valid at the signing time', async () => {
    const early = await signPdf(unsigned, { ...identity, signingTime: new Date(Date.UTC(2023, 0, 1)) });
    expect(verifyPdfSignature(early, [identity.trustAnchor])).toMatchObject({
      valid: false,
      failure: 'certificate_expired',
    });
  });

  it('fails a document without a signature', () => {
    expect(verifyPdfSignature(unsigned, [identity.trustAnchor])).toMatchObject({
      valid: false,
      failure: 'no_signature',
    });
  });

  it('fails when bytes are appended', () => {
    const appended = Buffer.concat([Buffer.from(signed), Buffer.from('\n% trailing comment\n')]);
    const result = verifyPdfSignature(appended, [identity.trustAnchor]);
    expect(result).toMatchObject({
      valid: false,
      failure: 'not_whole_file',
      byteRangeCoversWholeFile: false,
    });
    expect(result.reason).toContain('20 bytes were added');
  });

  it('fails on a changed byte in the content, the signature dictionary, and the /Contents hex', () => {
    const pdf = Buffer.from(signed);
    const verified = verifyPdfSignature(signed, [identity.trustAnchor]);
    const [, b, c] = verified.byteRange!;
    // Inside the page's (compressed) content stream.
    const streamAt = pdf.indexOf('stream\n', pdf.indexOf('/FlateDecode')) + 12;
    expect(streamAt).toBeGreaterThan(12);
    expect(streamAt).toBeLessThan(b);
    const dictAt = pdf.lastIndexOf('/M (D:');
    expect(verifyPdfSignature(flip(signed, streamAt), [identity.trustAnchor])).toMatchObject({
      valid: false,
      failure: 'digest_mismatch',
    });
    expect(verifyPdfSignature(flip(signed, dictAt + 8), [identity.trustAnchor])).toMatchObject({
      valid: false,
      failure: 'digest_mismatch',
    });
    // The signature value sits at the end of the CMS; change one hex digit of it.
    const cmsHexEnd = b + 1 + pdf.toString('latin1', b + 1, c - 1).replace(/(00)+$/, '').length;
    const digit = pdf[cmsHexEnd - 3]!;
    const tampered = Uint8Array.from(pdf);
    tampered[cmsHexEnd - 3] = digit === 0x30 ? 0x31 : 0x30;
    expect(verifyPdfSignature(tampered, [identity.trustAnchor])).toMatchObject({
      valid: false,
      failure: 'bad_signature',
    });
    // Hidden data in the zero padding is refused too.
    expect(verifyPdfSignature(flip(signed, c - 10), [identity.trustAnchor])).toMatchObject({
      valid: false,
      failure: 'malformed_contents',
    });
    // Upper-casing one hex digit keeps the bytes but is still a changed file.
    const letterAt = pdf.indexOf(/[a-f]/.exec(pdf.toString('latin1', b + 1, b + 200))![0], b + 1);
    expect(verifyPdfSignature(flip(signed, letterAt, 0x20), [identity.trustAnchor]).valid).toBe(false);
    if (has('pdfsig')) {
      const file = join(dir, 'tampered.pdf');
      writeFileSync(file, flip(signed, streamAt));
      expect(spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout).not.toContain('Signature is Valid');
    }
  });

  it('fails whatever single byte of the file changes', () => {
    fc.assert(
      fc.property(fc.nat({ max: signed.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const result = verifyPdfSignature(flip(signed, at, mask), [identity.trustAnchor]);
        expect(result.valid).toBe(false);
        expect(result.reason).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });
});
