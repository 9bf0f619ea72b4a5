import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets that must never sit in the database: the passphrase that encrypts
 * signing keys, the internal API token. An environment variable wins (how a
 * municipality deploys it); otherwise the demo keeps a generated one in a
 * 0600 file under the data directory.
 */
export function loadOrCreateSecret(dataDir: string, name: string, envValue: string | undefined): string {
  if (envValue) return envValue;
  const dir = join(dataDir, 'secrets');
  const file = join(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const value = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return value;
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}
