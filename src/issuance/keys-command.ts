import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { connect } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { loadOrCreateSecret } from '../shared/secrets.js';
import { importSigningIdentity, splitPemCertificates } from '../signing/keys.js';
import { findSigningIdentityRow, saveSigningIdentityRow } from './data/signing-identity.repository.js';
import { signingIdentities } from './use-cases/signing-identities.js';

const USAGE = `usage:
  madoguchi keys create --municipality CODE      make the demo CA and signing certificate (if none)
  madoguchi keys import --municipality CODE --key KEY.pem [--key-passphrase P] --chain CHAIN.pem
                                                 store a production key (encrypted) and its chain
  madoguchi keys show --municipality CODE        print the certificate chain`;

export function signingPassphrase(config: Config): string {
  return loadOrCreateSecret(config.dataDir, 'signing-key-passphrase', process.env.MADOGUCHI_KEY_PASSPHRASE);
}

/** `madoguchi keys …`: the document-signing identities. Private keys never print. */
export async function runKeysCommand(args: string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      municipality: { type: 'string' },
      key: { type: 'string' },
      'key-passphrase': { type: 'string' },
      chain: { type: 'string' },
    },
    strict: true,
  });
  if (!sub || !values.municipality || !['create', 'import', 'show'].includes(sub)) {
    console.error(USAGE);
    return 2;
  }
  const code = values.municipality;
  const database = await connect({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
  try {
    await migrate(database.db);
    const passphrase = signingPassphrase(config);
    if (sub === 'create') {
      const identity = await signingIdentities(database.db, passphrase).ensureDemo(code);
      console.log(`signing certificate: ${identity.certificate.subject.replace(/\n/g, ', ')}`);
      console.log(`valid until: ${identity.certificate.validTo}`);
      return 0;
    }
    if (sub === 'import') {
      if (!values.key || !values.chain) {
        console.error(USAGE);
        return 2;
      }
      const stored = importSigningIdentity({
        privateKeyPem: readFileSync(values.key, 'utf8'),
        ...(values['key-passphrase'] ? { privateKeyPassphrase: values['key-passphrase'] } : {}),
        certificateChainPem: readFileSync(values.chain, 'utf8'),
        passphrase,
        now: new Date(),
      });
      await saveSigningIdentityRow(database.db, { municipalityCode: code, ...stored });
      console.log('imported; the key is stored encrypted');
      return 0;
    }
    const row = await findSigningIdentityRow(database.db, code);
    if (!row) {
      console.error(`no signing identity for ${code}`);
      return 1;
    }
    for (const cert of splitPemCertificates(row.certificate_chain_pem))
      console.log(`${cert.subject.replace(/\n/g, ', ')}  (valid ${cert.validFrom} – ${cert.validTo})`);
    return 0;
  } finally {
    await database.close();
  }
}
