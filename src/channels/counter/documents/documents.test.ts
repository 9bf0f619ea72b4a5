import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { renderPaper } from './paper.js';
import { receiptDocument, receiptTotal } from './receipt.js';
import { requesterCategory, selfNoticeDocument } from './self-notice.js';

const municipality = {
  code: '999997',
  name: '見本市',
  officeAddress: '見本県見本市本町一丁目1番1号',
  phone: '0000-00-0000',
};

function receipt(items = 1) {
  return receiptDocument({
    municipality,
    receiptNumber: '領収第R8-000012号',
    issuedOn: '2026-11-24',
    issuedAt: '2026-11-24T10:05:00+09:00',
    payerName: '𠮷田　太郎',
    items: Array.from({ length: items }, (_, i) => ({
      certificate: i % 2 === 0 ? ('juminhyo' as const) : ('koseki-zenbu' as const),
      issueNumber: `第R8-${String(i + 1).padStart(6, '0')}号`,
      copies: 1,
      unitFee: i % 2 === 0 ? 300 : 450,
      total: i % 2 === 0 ? 300 : 450,
      ...(i === 2 ? { exemption: 'public_assistance' as const, unitFee: 0, total: 0 } : {}),
    })),
    paymentMethod: 'cash',
    tendered: 10_000,
    clerkName: '見本　窓口係',
    terminalId: 'counter-01',
  });
}

async function text(doc: ReturnType<typeof receipt>) {
  const { pdf, pages } = await renderPaper(doc);
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-paper-'));
  writeFileSync(join(dir, 'p.pdf'), await pdf.save({ useObjectStreams: false }));
  const out = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'p.pdf'), '-'], {
    encoding: 'utf8',
  });
  return { pages, text: out.replace(/\s+/g, '') };
}

describe('office paper', () => {
  it('names the requester only by category on a 本人通知', () => {
    expect(requesterCategory({ relation: 'agent', basis: 'power_of_attorney' })).toBe('代理人');
    expect(requesterCategory({ relation: 'third_party', lawfulReason: { kind: 'exercise_of_rights' } })).toBe(
      '第三者',
    );
    expect(
      requesterCategory({
        relation: 'third_party',
        lawfulReason: { kind: 'professional_duty', professional: { profession: 'lawyer' } },
      }),
    ).toBe('特定事務受任者（弁護士）による職務上請求');
    expect(requesterCategory({ relation: 'third_party', lawfulReason: { kind: 'official_request' } })).toBe(
      '国又は地方公共団体の機関（公用請求）',
    );
  });

  it('prints every item, the exemption, the total, the cash and the change on the receipt', async () => {
    const doc = receipt(3);
    expect(
      receiptTotal([{ certificate: 'juminhyo', issueNumber: 'x', copies: 2, unitFee: 300, total: 600 }]),
    ).toBe(600);
    const { text: t } = await text(doc);
    for (const expected of [
      '領収書',
      '𠮷田太郎様',
      '金額750円',
      '第R8-000003号',
      '免除（生活保護）',
      '10,000円',
      '9,250円',
      '見本窓口係（counter-01）',
      '令和8年11月24日10時05分',
    ])
      expect(t, expected).toContain(expected);
  });

  it('is deterministic and flows onto a second page with the title repeated', async () => {
    const a = await renderPaper(receipt(40));
    const b = await renderPaper(receipt(40));
    expect(Buffer.from(await a.pdf.save({ useObjectStreams: false }))).toEqual(
      Buffer.from(await b.pdf.save({ useObjectStreams: false })),
    );
    const { pages, text: t } = await text(receipt(40));
    expect(pages).toBeGreaterThan(1);
    expect(t).toContain('領収書（続き）');
    expect(t).toContain(`1/${pages}`);
  });

  it('prints the addressee for a window envelope and refuses a character no font has', async () => {
    const notice = selfNoticeDocument({
      municipality,
      letterNumber: '本人通知第R8-000001号',
      issuedOn: '2026-11-24',
      issuedAt: '2026-11-24T10:00:00+09:00',
      recipient: { postalCode: '9990001', address: '見本県見本市通知町1番2号', name: '葛\u{E0100}城　花子' },
      certificate: 'fuhyo',
      copies: 2,
      deliveredOn: '2026-11-20',
      channel: 'mail',
      requester: { relation: 'agent', basis: 'power_of_attorney' },
      issueNumber: '第R8-000010号',
    });
    const { text: t } = await text(notice as ReturnType<typeof receipt>);
    for (const expected of [
      '〒999-0001',
      '葛\u{E0100}城花子様',
      '戸籍の附票の写し',
      '2通',
      '代理人',
      '郵送による請求',
      '令和8年11月20日',
    ])
      expect(t, expected).toContain(expected);
    const bad = await renderPaper({ ...notice, addressee: { address: 'x', name: '\u{F0000}' } }).catch(
      (e: unknown) => e,
    );
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).code).toBe('unprintable_character');
  });
});
