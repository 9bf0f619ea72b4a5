/**
 * Server-rendered pages for the few public screens that must work without
 * JavaScript (certificate verification). Japanese first, English beside it.
 * Colours follow the Digital Agency's palette with AA contrast.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Tagged template that escapes every interpolation unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const rendered = Array.isArray(value)
      ? value.map((v) => (v instanceof Html ? v.value : escapeHtml(v))).join('')
      : value instanceof Html
        ? value.value
        : escapeHtml(value);
    out += rendered + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

const STYLE = `
:root { --blue: #0031d8; --ink: #1a1a1c; --muted: #4d4d4d; --ok: #197a4b; --bad: #c81e1e; --line: #999; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans JP", "Hiragino Sans", "BIZ UDPGothic", "Yu Gothic", sans-serif; color: var(--ink); background: #fff; line-height: 1.7; font-size: 1.0625rem; }
header { background: var(--blue); color: #fff; padding: 0.75rem 1.25rem; }
header a { color: #fff; }
main { max-width: 44rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; }
.en { color: var(--muted); font-size: 0.95em; }
.verdict { border: 3px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }
.verdict.ok { border-color: var(--ok); }
.verdict.bad { border-color: var(--bad); }
.verdict strong { font-size: 1.25rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1.25rem; }
dt { font-weight: bold; }
dd { margin: 0; }
label { display: block; font-weight: bold; margin: 1rem 0 0.25rem; }
input[type=text], input[type=file] { font-size: 1.125rem; padding: 0.6rem; width: 100%; border: 2px solid #666; border-radius: 6px; }
button { font-size: 1.125rem; min-height: 48px; padding: 0.6rem 1.5rem; margin-top: 1rem; background: var(--blue); color: #fff; border: 0; border-radius: 8px; cursor: pointer; }
button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
input[aria-invalid=true] { border-color: var(--bad); border-width: 3px; }
.error { color: var(--bad); border-left: 6px solid var(--bad); padding: 0.25rem 0 0.25rem 0.75rem; margin: 0.75rem 0; }
.error::before { content: "⚠ "; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; color: var(--blue); padding: 0.5rem; }
`;

export function page(options: { title: string; lang?: string; body: Html }): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? 'ja')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%230031d8'/%3E%3C/svg%3E">
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">本文へ移動 / Skip to content</a>
<header><span>madoguchi 窓口 — 証明書の確認 <span lang="en">Certificate verification</span></span></header>
<main id="main">
${options.body.value}
</main>
</body>
</html>`;
}
