import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FILE_SPECS } from './read-import-files.js';

const DOC = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../../docs/import-format.md'),
  'utf8',
);

/** The documented layout and the parsers come from different files; this keeps them in step. */
describe('docs/import-format.md', () => {
  for (const [kind, spec] of Object.entries(FILE_SPECS)) {
    it(`documents every column of ${kind}.csv with both names and whether it is required`, () => {
      const start = DOC.indexOf(`### ${kind}.csv`);
      expect(start).toBeGreaterThan(-1);
      const end = DOC.indexOf('\n### ', start + 1);
      const section = DOC.slice(start, end === -1 ? undefined : end);
      const documented = [...section.matchAll(/^\| ([^|]+) \| ([a-z_]+) \|\s*(req\.)?\s*\|/gm)].map((m) => ({
        key: m[2],
        ja: m[1],
        required: m[3] === 'req.',
      }));
      expect(documented).toEqual(spec.columns.map((c) => ({ key: c.key, ja: c.ja, required: c.required })));
    });
  }
});
