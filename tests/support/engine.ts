import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/connect.js';
import { inProcessPipeline } from '../../src/issuance/use-cases/in-process-pipeline.js';
import type { IssuanceDeps } from '../../src/issuance/use-cases/issue-certificate.js';
import { prepareMunicipalityForIssuance } from '../../src/issuance/use-cases/prepare-municipality.js';
import { signingIdentities } from '../../src/issuance/use-cases/signing-identities.js';
import { createServices, type Services } from '../../src/services.js';
import { newMunicipality } from './factories.js';

export const TEST_PASSPHRASE = 'test-passphrase-not-for-production';
/** A Tuesday, 10:00 in Tokyo, in fiscal year 2026: every channel is open. */
export const OPEN_HOURS = new Date('2026-11-24T01:00:00Z');

/** The engine on a test database with the demo town's fees and a signing key. */
export async function createTestEngine(
  database: Database,
  clock: () => Date = () => OPEN_HOURS,
): Promise<IssuanceDeps> {
  await newMunicipality(database.db);
  const identities = signingIdentities(database.db, TEST_PASSPHRASE, clock);
  await prepareMunicipalityForIssuance(database.db, identities, '999997');
  return {
    db: database.db,
    identities,
    pipeline: inProcessPipeline,
    publicUrl: 'https://madoguchi.test',
    clock,
  };
}

/** Server services around a test engine: in-process rendering, secrets in a temporary folder. */
export function testServices(
  database: Database,
  issuance: IssuanceDeps,
  internalApiToken = 'x'.repeat(32),
): Services {
  const config = testConfig();
  return { ...createServices(database, config), identities: issuance.identities, issuance, internalApiToken };
}

export function testConfig(): Config {
  return {
    ...loadConfig({}),
    dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-test-')),
    logLevel: 'silent',
    renderWorkers: 0,
  };
}
