import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type Config, loadConfig } from '../../src/config.js';
import { connect } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { runStaffCommand } from '../../src/staff/index.js';
import { describeOnDrivers } from '../support/databases.js';
import { newMunicipality } from '../support/factories.js';

/** Runs the command and returns what it printed. */
async function run(args: string[], config: Config) {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts) => void out.push(parts.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...parts) => void out.push(parts.join(' ')));
  try {
    const code = await runStaffCommand(args, config);
    return { code, output: out.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describeOnDrivers('madoguchi staff (the IT department’s first administrator)', (ctx) => {
  let config: Config;
  const town = '940001';

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-staff-cli-'));
    let databaseUrl: string | undefined;
    if (ctx.kind === 'postgres') {
      const name = await sql<{ name: string }>`select current_database() as name`.execute(ctx.database.db);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name.rows[0]!.name}`;
      databaseUrl = url.toString();
      await newMunicipality(ctx.database.db, town);
    } else {
      const own = await connect({ dataDir: join(dataDir, 'pglite') });
      await migrate(own.db);
      await newMunicipality(own.db, town);
      await own.close();
    }
    config = { ...loadConfig({}), dataDir, databaseUrl, logLevel: 'silent' };
  });
  afterAll(() => {
    rmSync(config.dataDir, { recursive: true, force: true });
  });

  it('creates an administrator with a temporary password, lists, resets and unlocks it', async () => {
    const created = await run(
      [
        'create',
        '--municipality',
        town,
        '--login',
        'it-admin',
        '--name',
        '情報政策課　管理者',
        '--roles',
        'admin',
      ],
      config,
    );
    expect(created.code).toBe(0);
    const temporary = /temporary password: (\S+)/.exec(created.output)?.[1];
    expect(temporary).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);

    const listed = await run(['list', '--municipality', town], config);
    expect(listed.output).toBe('it-admin\tadmin\tactive\t-\t情報政策課　管理者');

    const reset = await run(
      ['reset-password', '--municipality', town, '--login', 'it-admin', '--reason', '初期設定やり直し'],
      config,
    );
    expect(reset.code).toBe(0);
    expect(/temporary password for it-admin: (\S+)/.exec(reset.output)?.[1]).not.toBe(temporary);

    const unlocked = await run(
      ['unlock', '--municipality', town, '--login', 'it-admin', '--reason', '電話で本人確認'],
      config,
    );
    expect(unlocked).toEqual({ code: 0, output: 'it-admin was not locked; failure count cleared' });
  });

  it('refuses bad input with exit code 2 and unknown accounts with 1, changing nothing', async () => {
    const cases: [string[], number][] = [
      [[], 2],
      [['create', '--municipality', town, '--login', 'x', '--name', 'n', '--roles', 'admin'], 2],
      [['create', '--municipality', town, '--login', 'both', '--name', 'n', '--roles', 'admin,audit'], 2],
      [['create', '--municipality', town, '--login', 'nobody', '--name', 'n', '--roles', 'root'], 2],
      [['create', '--login', 'nobody', '--name', 'n', '--roles', 'admin'], 2],
      [['unlock', '--municipality', town, '--login', 'it-admin'], 2],
      [['unlock', '--municipality', town, '--login', 'ghost', '--reason', 'r'], 1],
    ];
    for (const [args, expected] of cases)
      expect([args.join(' '), (await run(args, config)).code]).toEqual([args.join(' '), expected]);
    expect((await run(['list', '--municipality', town], config)).output.split('\n')).toHaveLength(1);
  });
});
