/**
 * 住民票の写し and 住民票の除票の写し: the household's address (and head) on top of
 * every page, then one bordered block per person with the items the requester
 * chose. Foreign residents get their own items (国籍・地域, 在留資格 …) and, as on
 * their real 住民票, dates in the Western calendar.
 */
import type {
  Household,
  JuminhyoDocument,
  JuminhyoItems,
  JuminhyoJohyoDocument,
  JuminhyoMember,
} from '../model.js';
import { TITLES } from '../model.js';
import type { Block, CertificateLayout, Row } from '../page.js';
import { type Cell, gridRow, label, sexLabel, value } from '../table.js';
import type { Typesetter } from '../text.js';
import { datedEvent, era, fullName, gregorian, householdHeader, LABEL_WIDTH } from './common.js';

const HALF = 252.64 - LABEL_WIDTH;
/** 住民となった年月日 is short (date and reason); 住所を定めた年月日 carries the 届出日 too. */
const SINCE = 124;

export function juminhyoLayout(
  ts: Typesetter,
  doc: JuminhyoDocument | JuminhyoJohyoDocument,
): CertificateLayout {
  const titleNote =
    doc.kind === 'juminhyo' ? (doc.scope === 'household' ? '世帯全員' : '世帯一部') : undefined;
  return {
    title: TITLES[doc.kind],
    titleNote,
    header: householdHeader(ts, doc.household, doc.items.relationship),
    blocks: doc.members.map(
      (member) => ({ rows: memberRows(ts, member, doc.items, doc.household) }) satisfies Block,
    ),
  };
}

export function nameCell(member: Pick<JuminhyoMember, 'name' | 'kana' | 'foreign'>, width: number): Cell {
  if (member.foreign) {
    const registered = fullName(member.name);
    const compact = (s: string) => s.replace(/[\s　]/g, '');
    const lines = [member.foreign.alphabetName];
    if (compact(registered) !== compact(member.foreign.alphabetName)) lines.push(registered);
    return { width, lines, noWrap: true, size: 11 };
  }
  const ruby = member.kana ? fullName(member.kana) : undefined;
  return { width, text: fullName(member.name), ruby, noWrap: true, size: 11 };
}

export function memberRows(
  ts: Typesetter,
  m: JuminhyoMember,
  items: JuminhyoItems,
  household: Household,
): Row[] {
  const date = m.foreign ? gregorian : era;
  const pair = (l1: string, v1: Cell, l2?: string, v2?: Cell): Row =>
    gridRow(
      ts,
      l2 ? [label(l1, LABEL_WIDTH), v1, label(l2, LABEL_WIDTH), v2!] : [label(l1, LABEL_WIDTH), v1],
    );
  const half = (text: string | undefined, extra: Partial<Cell> = {}) => value(text, HALF, extra);
  const rows: Row[] = [];

  rows.push(
    gridRow(
      ts,
      [
        label('氏名', LABEL_WIDTH),
        nameCell(m, HALF),
        label('生年月日', LABEL_WIDTH),
        value(date(m.birthDate)),
      ],
      { minHeight: 30 },
    ),
  );
  rows.push(
    items.relationship
      ? pair('性別', half(sexLabel(m.sex)), '続柄', value(m.relationship))
      : pair('性別', value(sexLabel(m.sex))),
  );
  if (m.foreign) {
    const f = m.foreign;
    rows.push(pair('国籍・地域', half(f.nationality), '第30条の45に規定する区分', value(f.category)));
    rows.push(pair('在留資格', half(f.residenceStatus), '在留期間等', value(f.residencePeriod)));
    rows.push(pair('在留期間等の満了の日', half(gregorian(f.residencePeriodEnd)), '通称', value(f.tsusho)));
  }
  // The household's address is on top of every page; a member's own is printed only when it differs (除票).
  if (m.address && (m.address !== household.address || (m.katagaki ?? '') !== (household.katagaki ?? ''))) {
    rows.push(pair('住所', { width: 0, lines: m.katagaki ? [m.address, m.katagaki] : [m.address] }));
  }
  const since = datedEventIn(m.addressSince, date);
  const became = m.residentSince ? datedEventIn({ ...m.residentSince, notifiedOn: undefined }, date) : '';
  rows.push(
    items.residentSince
      ? gridRow(ts, [
          label('住民となった年月日', LABEL_WIDTH),
          value(became, SINCE),
          label('住所を定めた年月日', LABEL_WIDTH),
          value(since),
        ])
      : pair('住所を定めた年月日', value(since)),
  );
  if (items.previousAddress) rows.push(pair('前住所', value(m.previousAddress)));
  if (items.honseki && !m.foreign) {
    rows.push(
      gridRow(ts, [
        label('本籍', LABEL_WIDTH),
        value(m.honseki?.address),
        label('筆頭者', 48),
        value(m.honseki?.hittosha, 110, { noWrap: true }),
      ]),
    );
  }
  if (items.juminhyoCode && items.myNumber) {
    rows.push(
      pair(
        '住民票コード',
        half(m.juminhyoCode, { noWrap: true }),
        '個人番号',
        value(m.myNumber, 0, { noWrap: true }),
      ),
    );
  } else if (items.juminhyoCode) {
    rows.push(pair('住民票コード', value(m.juminhyoCode, 0, { noWrap: true })));
  } else if (items.myNumber) {
    rows.push(pair('個人番号', value(m.myNumber, 0, { noWrap: true })));
  }
  if (items.history && m.history && m.history.length > 0) {
    rows.push(pair('異動履歴', { width: 0, lines: m.history.map((e) => datedEventIn(e, date)) }));
  }
  if (m.removal) {
    const r = m.removal;
    const text = `${date(r.date)}　${r.reason}${r.notifiedOn ? `（${date(r.notifiedOn)}届出）` : ''}`;
    rows.push(pair('消除年月日', value(text)));
    if (r.destination) rows.push(pair(r.reason === '転出' ? '転出先' : '異動先', value(r.destination)));
  }
  return rows;
}

function datedEventIn(
  event: JuminhyoMember['addressSince'],
  date: (iso: string | undefined) => string,
): string {
  if (!event) return '';
  if (date === era) return datedEvent(event);
  let text = date(event.date);
  if (event.reason) text += `　${event.reason}`;
  if (event.notifiedOn) text += `（${date(event.notifiedOn)}届出）`;
  return text;
}
