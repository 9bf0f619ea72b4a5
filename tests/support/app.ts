import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/connect.js';
import { buildServer } from '../../src/server.js';

/** A Fastify app on a test database, for `app.inject(…)`. */
export async function buildTestApp(
  database: Database,
  overrides: Partial<Config> = {},
): Promise<FastifyInstance> {
  const config: Config = {
    ...loadConfig({}),
    dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-test-')),
    logLevel: 'silent',
    renderWorkers: 0,
    ...overrides,
  };
  return buildServer({ database, config });
}
