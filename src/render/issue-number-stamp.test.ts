import { afterAll, describe, expect, it } from 'vitest';
import { fitsStamp, placeholderIssueNumber, stampIssueNumber, stampOperators } from './issue-number-stamp.js';
import type { CertificateDocument } from './model.js';
import { renderCertificate, renderCertificateBytes } from './render-certificate.js';
import { type PdfOnDisk, pdftotext, writePdf } from './testing/poppler.js';
import { sampleJuminhyo } from './testing/sample-documents.js';

const disposers: PdfOnDisk[] = [];
afterAll(() => {
  for (const d of disposers) d.dispose();
});

function text(bytes: Uint8Array): string {
  const pdf = writePdf(bytes);
  disposers.push(pdf);
  return pdftotext(pdf.file).replace(/\s+/g, '');
}

async function renderedWith(doc: CertificateDocument, issueNumber: string) {
  const { pdf, pages, issueNumber: stamp } = await renderCertificate({ ...doc, issueNumber });
  return { bytes: Buffer.from(await pdf.save({ useObjectStreams: false })), pages, stamp };
}

describe('the issue number stamp', () => {
  it('stamped into a page rendered with the placeholder gives the bytes of rendering with the number', async () => {
    const cases: [CertificateDocument, number][] = [
      [sampleJuminhyo(1), 1],
      [sampleJuminhyo(12), 2],
    ];
    for (const [doc, minimumPages] of cases) {
      const real = '第R8-104729号';
      const placeholder = await renderedWith(doc, placeholderIssueNumber(real));
      expect(placeholder.pages).toBeGreaterThanOrEqual(minimumPages);
      stampIssueNumber(placeholder.bytes, placeholder.stamp, real, placeholder.pages);
      const direct = (await renderCertificateBytes({ ...doc, issueNumber: real })).bytes;
      expect(Buffer.compare(placeholder.bytes, Buffer.from(direct))).toBe(0);
      const printed = text(placeholder.bytes);
      // Every page carries the number, and the placeholder is gone.
      expect(printed.split(real).length - 1).toBe(placeholder.pages);
      expect(printed).not.toContain('第R8-000000号');
    }
  });

  it('refuses a number of another shape and a file without exactly one line per page', async () => {
    const { bytes, pages, stamp } = await renderedWith(sampleJuminhyo(1), '第R8-000000号');
    expect(fitsStamp(stamp, '第R8-999999号')).toBe(true);
    expect(fitsStamp(stamp, '第R8-1000000号')).toBe(false);
    expect(fitsStamp(stamp, '第R9-000001号')).toBe(true);
    expect(fitsStamp(stamp, '第H8-000001号')).toBe(false);
    expect(() => stampIssueNumber(Buffer.from(bytes), stamp, '第R8-1000000号', pages)).toThrow(
      /does not fit/,
    );
    expect(() => stampIssueNumber(Buffer.from(bytes), stamp, '第R8-000001号', pages + 1)).toThrow(
      /found it 1 time/,
    );
    const once = Buffer.from(bytes);
    stampIssueNumber(once, stamp, '第R8-000001号', pages);
    // Stamped once, the placeholder's line is gone: a second stamp cannot find it.
    expect(() => stampIssueNumber(once, stamp, '第R8-000002号', pages)).toThrow(/found it 0 time/);
  });

  it('writes each digit with the CID the document reserved for it', async () => {
    const { stamp } = await renderedWith(sampleJuminhyo(1), '第R8-000000号');
    const ops = stampOperators(stamp, '第R8-012345号');
    expect(ops).toHaveLength(stamp.operators.length);
    const hex = ops.slice(ops.indexOf('<') + 1, ops.indexOf('>'));
    const cids = hex.match(/.{4}/g)!;
    const line = '発行番号　第R8-012345号';
    [...line].forEach((ch, i) => {
      if (/[0-9]/.test(ch)) expect(cids[i]).toBe(stamp.digitCids[Number(ch)]);
    });
    expect(new Set(stamp.digitCids).size).toBe(10);
  });
});
