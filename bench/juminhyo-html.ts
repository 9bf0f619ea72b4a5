/**
 * The usual way to make a certificate PDF: an HTML page printed by headless
 * Chromium. This is the same 住民票 as madoguchi's renderer prints — the same
 * texts in the same table layout, the era dates, ruby kana, the red 職印 with
 * its engraved characters, the QR code (as SVG) and a micro-text security
 * background — so the baseline does the same work, not less.
 */
import QRCode from 'qrcode';
import { formatEraDate } from '../src/domain/japanese-era.js';
import type { JuminhyoDocument, JuminhyoMember } from '../src/render/model.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Font families as fontconfig names them: IPAmj明朝 first, IPA明朝 for what it lacks. */
export const CHROMIUM_FONT_STACK = "'IPAmjMincho', 'IPAmj明朝', 'IPAMincho', 'IPA明朝', serif";

function nameCell(member: JuminhyoMember) {
  const family = escapeHtml(member.name.family);
  const given = escapeHtml(member.name.given);
  if (!member.kana) return `${family}　${given}`;
  return `<ruby>${family}<rt>${escapeHtml(member.kana.family)}</rt></ruby>　<ruby>${given}<rt>${escapeHtml(member.kana.given)}</rt></ruby>`;
}

function dated(event: { date: string; reason?: string; notifiedOn?: string } | undefined) {
  if (!event) return '';
  return `${formatEraDate(event.date)}${event.reason ? `　${escapeHtml(event.reason)}` : ''}${
    event.notifiedOn ? `（${formatEraDate(event.notifiedOn)}届出）` : ''
  }`;
}

function memberTable(doc: JuminhyoDocument, member: JuminhyoMember) {
  const items = doc.items;
  const rows = [
    `<tr><th>氏　名</th><td class="name">${nameCell(member)}</td><th>生年月日</th><td>${formatEraDate(member.birthDate)}</td></tr>`,
    `<tr><th>性　別</th><td>${member.sex === 'M' ? '男' : '女'}</td><th>続　柄</th><td>${
      items.relationship && member.relationship ? escapeHtml(member.relationship) : ''
    }</td></tr>`,
    `<tr><th>住民となった年月日</th><td>${items.residentSince ? dated(member.residentSince) : ''}</td><th>住所を定めた年月日</th><td>${dated(member.addressSince)}</td></tr>`,
  ];
  if (items.previousAddress && member.previousAddress)
    rows.push(`<tr><th>前住所</th><td colspan="3">${escapeHtml(member.previousAddress)}</td></tr>`);
  if (items.honseki && member.honseki)
    rows.push(
      `<tr><th>本　籍</th><td>${escapeHtml(member.honseki.address)}</td><th>筆頭者</th><td>${escapeHtml(member.honseki.hittosha)}</td></tr>`,
    );
  if (items.juminhyoCode || items.myNumber)
    rows.push(
      `<tr><th>住民票コード</th><td>${items.juminhyoCode ? (member.juminhyoCode ?? '') : ''}</td><th>個人番号</th><td>${
        items.myNumber ? (member.myNumber ?? '') : ''
      }</td></tr>`,
    );
  return `<table class="member">${rows.join('')}</table>`;
}

/** A tile of the municipality's name in micro text, repeated as the page background. */
function securityBackground(name: string) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="12"><text x="0" y="9" font-size="5" fill="#bcd3ea" font-family="IPAMincho">${name}${name}${name}</text></svg>`;
  return `url("data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}")`;
}

export async function juminhyoHtml(doc: JuminhyoDocument): Promise<string> {
  const qr = await QRCode.toString(doc.verification.url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 0,
  });
  const seal = escapeHtml(doc.seal?.text ?? `${doc.certifier.title}之印`);
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>住民票の写し</title><style>
@page { size: A4; margin: 0; }
html, body { margin: 0; }
body { font-family: ${CHROMIUM_FONT_STACK}; font-size: 10pt; color: #000; }
.page { box-sizing: border-box; width: 210mm; height: 297mm; padding: 12mm 14mm; position: relative;
  background-image: ${securityBackground(escapeHtml(doc.municipality.name))}; border: 2mm solid #dbe7f3; }
h1 { text-align: center; font-size: 20pt; letter-spacing: 0.5em; font-weight: normal; margin: 0 0 4mm; }
.scope { position: absolute; right: 16mm; top: 16mm; font-size: 8pt; }
table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; background: #fff; }
th, td { border: 0.6pt solid #000; padding: 1mm 2mm; text-align: left; font-weight: normal; }
th { width: 30mm; font-size: 7pt; text-align: center; letter-spacing: 0.2em; }
td.name { font-size: 12pt; }
rt { font-size: 5pt; }
.end { text-align: center; font-size: 9pt; }
.attest { margin: 4mm 0 2mm 8mm; font-size: 11pt; }
.date { margin-left: 14mm; }
.certifier { text-align: right; font-size: 11pt; margin-right: 22mm; position: relative; }
.seal { position: absolute; right: -20mm; top: -6mm; width: 17mm; height: 17mm; box-sizing: border-box;
  border: 1mm solid #d0202a; color: #d0202a; writing-mode: vertical-rl; font-size: 13pt; line-height: 1.15;
  text-align: center; padding: 0.5mm; overflow: hidden; }
.footer { position: absolute; left: 14mm; right: 14mm; bottom: 12mm; border-top: 0.6pt solid #000; padding-top: 2mm;
  font-size: 8pt; display: flex; justify-content: space-between; }
.footer .qr { width: 22mm; height: 22mm; }
.small { font-size: 6pt; }
</style></head><body><div class="page">
<h1>住民票の写し</h1><div class="scope">${doc.scope === 'household' ? '世帯全員' : '世帯一部'}</div>
<table><tr><th>住　所</th><td>${escapeHtml(doc.household.address)}${doc.household.katagaki ? `<br>${escapeHtml(doc.household.katagaki)}` : ''}</td></tr>
<tr><th>世帯主</th><td>${doc.household.head ? `${escapeHtml(doc.household.head.family)}　${escapeHtml(doc.household.head.given)}` : ''}</td></tr></table>
${doc.members.map((m) => memberTable(doc, m)).join('\n')}
<p class="end">以下余白</p>
<p class="attest">${escapeHtml(doc.attestation)}</p>
<p class="date">${formatEraDate(doc.issuedOn)}</p>
<p class="certifier">${escapeHtml(doc.certifier.title)}　${escapeHtml(doc.certifier.name)}<span class="seal">${seal}</span></p>
<div class="footer"><div>発行番号　${escapeHtml(doc.issueNumber)}<br>検証コード　${escapeHtml(doc.verification.code)}<br>
<span class="small">この証明書の発行内容は、右のQRコード又は次のアドレスで確認できます。<br>${escapeHtml(doc.verification.url)}<br>
${escapeHtml(doc.municipality.name)}（${escapeHtml(doc.municipality.code)}）</span></div><div class="qr">${qr}</div></div>
</div></body></html>`;
}
