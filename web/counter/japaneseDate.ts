/**
 * Dates as clerks type them: 1980-04-01, 19800401, 1980/4/1, S55.4.1, 昭和55年4月1日,
 * 令和元年5月1日 — full-width digits from an IME included. Answers an ISO date
 * (YYYY-MM-DD), or undefined when the text is no real date.
 */
const ERAS: Record<string, number> = {
  M: 1868,
  T: 1912,
  S: 1926,
  H: 1989,
  R: 2019,
  明治: 1868,
  大正: 1912,
  昭和: 1926,
  平成: 1989,
  令和: 2019,
};

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
  if (m) {
    const start = ERAS[m[1]!.length === 1 ? m[1]!.toUpperCase() : m[1]!];
    if (start === undefined) return undefined;
    return iso(start + Number(m[2]) - 1, Number(m[3]), Number(m[4]));
  }
  return undefined;
}
