#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { isAppError } from './shared/errors.js';

const USAGE = `madoguchi — 窓口, a digital front office for Japanese municipalities

usage: madoguchi <command> [options]

  serve                      migrate, seed the demo town on an empty database, serve HTTP
  migrate                    apply the database migrations
  doctor                     what this installation runs on: database, fonts, keys, tools
  seed  --municipality CODE --residents N --seed S
                             make a deterministic synthetic town (見本市 is 999997)
  import --municipality CODE --dir DIR | --residents F --koseki F … [--encoding sjis] [--dry-run]
                             import CSV files, all of them or nothing (docs/import-format.md)
  issue --type T --resident 住民票コード --out F.pdf
                             issue one certificate through the engine (counter, as the operator)
  staff create|reset-password|unlock|list
                             staff accounts (the first administrator, resets)
  keys create|import|show --municipality CODE
                             the municipality's document-signing key and certificate
  verify FILE.pdf [--code C] is this PDF a certificate issued here, unchanged?
  audit verify [--municipality CODE]
                             recompute the audit trail's hash chain; names broken rows

The database is PGlite under ./data unless DATABASE_URL names a PostgreSQL server.`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async serve() {
    const { serve } = await import('./serve.js');
    await serve(loadConfig());
    return -1; // keeps running
  },
  async migrate() {
    const config = loadConfig();
    const database = await connect({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
    try {
      const applied = await migrate(database.db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
      return 0;
    } finally {
      await database.close();
    }
  },
  async seed(args) {
    const { values } = parseArgs({
      args,
      options: {
        municipality: { type: 'string', default: '999997' },
        residents: { type: 'string', default: '2000' },
        seed: { type: 'string', default: '1' },
      },
      strict: true,
    });
    const config = loadConfig();
    const database = await connect({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
    try {
      await migrate(database.db);
      const { seedTown } = await import('./seed/seed-town.js');
      const started = performance.now();
      const report = await seedTown(database.db, {
        municipalityCode: values.municipality,
        residents: Number(values.residents),
        seed: Number(values.seed),
      });
      const seconds = (performance.now() - started) / 1000;
      console.log(JSON.stringify({ ...report, seconds: Math.round(seconds * 10) / 10 }, null, 2));
      return 0;
    } finally {
      await database.close();
    }
  },
  async audit(args) {
    const [sub, ...rest] = args;
    if (sub !== 'verify') {
      console.error('usage: madoguchi audit verify [--municipality CODE]');
      return 2;
    }
    const { values } = parseArgs({ args: rest, options: { municipality: { type: 'string' } }, strict: true });
    const config = loadConfig();
    const database = await connect({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
    try {
      await migrate(database.db);
      const { listAuditedMunicipalities, verifyAuditChain } = await import('./audit/index.js');
      const codes = values.municipality
        ? [values.municipality]
        : await listAuditedMunicipalities(database.db);
      let ok = true;
      for (const code of codes) {
        const report = await verifyAuditChain(database.db, code);
        ok &&= report.valid;
        console.log(`${code}: ${report.rows} rows, ${report.valid ? 'chain intact' : 'CHAIN BROKEN'}`);
        for (const problem of report.problems) console.log(`  row ${problem.seq}: ${problem.problem}`);
      }
      return ok ? 0 : 1;
    } finally {
      await database.close();
    }
  },
  async doctor() {
    const { runDoctor } = await import('./doctor.js');
    return runDoctor(loadConfig());
  },
  async issue(args) {
    const { runIssueCommand } = await import('./issuance/issue-command.js');
    return runIssueCommand(args, loadConfig());
  },
  async staff(args) {
    const { runStaffCommand } = await import('./staff/index.js');
    return runStaffCommand(args, loadConfig());
  },
  async keys(args) {
    const { runKeysCommand } = await import('./issuance/keys-command.js');
    return runKeysCommand(args, loadConfig());
  },
  async verify(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { code: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const file = positionals[0];
    if (!file) {
      console.error('usage: madoguchi verify FILE.pdf [--code VERIFICATION-CODE]');
      return 2;
    }
    const { readFileSync } = await import('node:fs');
    const { verifyCertificateFile } = await import('./issuance/use-cases/verify-certificate.js');
    const config = loadConfig();
    const database = await connect({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
    try {
      await migrate(database.db);
      const result = await verifyCertificateFile(
        database.db,
        readFileSync(file),
        values.code ? { verificationCode: values.code } : {},
      );
      console.log(JSON.stringify(result, null, 2));
      return result.verdict === 'genuine' ? 0 : 1;
    } finally {
      await database.close();
    }
  },
  async import(args) {
    const { runImportCommand } = await import('./registry/import/import-command.js');
    return runImportCommand(args, loadConfig());
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (isAppError(error)) {
      console.error(`${error.ja}\n${error.en}`);
      for (const detail of error.details)
        console.error(`  ${detail.at ? `${detail.at}: ` : ''}${detail.ja} / ${detail.en}`);
      process.exit(1);
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
