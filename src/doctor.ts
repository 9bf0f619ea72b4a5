import { execFileSync } from 'node:child_process';
import type { Config } from './config.js';
import { connect } from './db/connect.js';
import { listMigrations } from './db/migrate.js';
import { chosenFont } from './render/fonts.js';

function toolVersion(command: string, args: string[]): string {
  try {
    const out = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out.split('\n')[0]?.trim() || 'present';
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    if (stderr?.trim()) return stderr.split('\n')[0]!.trim();
    return 'not installed';
  }
}

/** `madoguchi doctor`: what this installation runs on, for the IT department. */
export async function runDoctor(config: Config): Promise<number> {
  const font = chosenFont();
  const lines: [string, string][] = [
    ['node', process.version],
    [
      'database',
      config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `PGlite under ${config.dataDir}/pglite`,
    ],
    [
      'certificate font',
      `${font.family} (${font.source === 'system' ? 'Debian fonts-ipamj-mincho' : 'bundled npm font'}), ${font.path}${font.mjCharacterSet ? ', MJ set with variation sequences' : ', no MJ variation sequences: install fonts-ipamj-mincho'}`,
    ],
  ];
  let status = 0;
  try {
    const database = await connect({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
    try {
      const applied = await database.db
        .selectFrom('schema_migration')
        .select('name')
        .execute()
        .catch(() => []);
      const known = listMigrations().map((m) => m.name);
      const pending = known.filter((name) => !applied.some((a) => a.name === name));
      lines.push([
        'migrations',
        pending.length ? `${pending.length} pending: ${pending.join(', ')}` : 'up to date',
      ]);
      if (!pending.length) {
        const municipalities = await database.db
          .selectFrom('municipality')
          .select(['code', 'name'])
          .execute();
        const keys = await database.db.selectFrom('signing_identity').select('municipality_code').execute();
        lines.push([
          'municipalities',
          municipalities.map((m) => `${m.code} ${m.name}`).join(', ') || 'none yet',
        ]);
        lines.push([
          'signing keys',
          keys.map((k) => k.municipality_code).join(', ') || 'none yet (madoguchi keys create)',
        ]);
      }
    } finally {
      await database.close();
    }
  } catch (error) {
    lines.push(['database error', (error as Error).message]);
    status = 1;
  }
  lines.push(['pdfsig (poppler)', toolVersion('pdfsig', ['-v'])]);
  lines.push(['chromium', toolVersion('chromium', ['--version'])]);
  const width = Math.max(...lines.map(([k]) => k.length));
  for (const [key, value] of lines) console.log(`${key.padEnd(width)}  ${value}`);
  return status;
}
