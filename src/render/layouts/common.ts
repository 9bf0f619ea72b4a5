import { formatEraDate } from '../../domain/japanese-era.js';
import type { DatedEvent, Household, PersonName } from '../model.js';
import type { Row } from '../page.js';
import { gridRow, label, value } from '../table.js';
import type { Typesetter } from '../text.js';

/** 氏と名の間は全角空白: the way municipal systems print a registered name. */
export function fullName(name: PersonName): string {
  return name.given === '' ? name.family : `${name.family}　${name.given}`;
}

export function era(iso: string | undefined): string {
  return iso ? formatEraDate(iso) : '';
}

/** Foreign residents' dates are printed in the Western calendar (西暦), as on their 住民票. */
export function gregorian(iso: string | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 令和元年5月1日　転入（令和元年5月7日届出） */
export function datedEvent(event: DatedEvent | undefined): string {
  if (!event) return '';
  let text = era(event.date);
  if (event.reason) text += `　${event.reason}`;
  if (event.notifiedOn) text += `（${era(event.notifiedOn)}届出）`;
  return text;
}

export const LABEL_WIDTH = 86;

export function householdHeader(ts: Typesetter, household: Household, showHead: boolean): Row[] {
  const rows: Row[] = [
    gridRow(ts, [
      label('住所', LABEL_WIDTH),
      { width: 0, lines: household.katagaki ? [household.address, household.katagaki] : [household.address] },
    ]),
  ];
  if (showHead && household.head) {
    rows.push(
      gridRow(ts, [label('世帯主', LABEL_WIDTH), value(fullName(household.head), 0, { noWrap: true })]),
    );
  }
  return rows;
}
