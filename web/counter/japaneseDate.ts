/**
 * Dates as clerks type them: 1980-04-01, 19800401, 1980/4/1, S55.4.1, 昭和55年4月1日,
 * 令和元年5月1日 — full-width digits from an IME included. Answers an ISO date
 * (YYYY-MM-DD), or undefined when the text is no real date. An era date must
 * fall inside its era (昭和64年7月1日 never existed), as src/domain/japanese-era.ts
 * holds; tests/e2e/console-logic.test.ts keeps the two in agreement.
 */
const ERAS = [
  { name: '令和', letter: 'R', start: '2019-05-01' },
  { name: '平成', letter: 'H', start: '1989-01-08' },
  { name: '昭和', letter: 'S', start: '1926-12-25' },
  { name: '大正', letter: 'T', start: '1912-07-30' },
  { name: '明治', letter: 'M', start: '1868-01-25' },
] as const;

function iso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseTypedDate(input: string): string | undefined {
  const text = input.normalize('NFKC').trim().replace(/\s+/g, '').replace(/元年/g, '1年');
  if (!text) return undefined;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(明治|大正|昭和|平成|令和|[MTSHR])(\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/i.exec(text);
  if (!m) return undefined;
  const label = m[1]!.length === 1 ? m[1]!.toUpperCase() : m[1]!;
  const index = ERAS.findIndex((era) => era.name === label || era.letter === label);
  const era = ERAS[index];
  if (!era || Number(m[2]) < 1) return undefined;
  const date = iso(Number(era.start.slice(0, 4)) + Number(m[2]) - 1, Number(m[3]), Number(m[4]));
  const next = ERAS[index - 1];
  if (!date || date < era.start || (next && date >= next.start)) return undefined;
  return date;
}
