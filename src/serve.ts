import { join } from 'node:path';
import { createDemoKioskAgent, type KioskAgent } from './channels/kiosk-agent/index.js';
import type { Config } from './config.js';
import { connect } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { trustDemoJpkiCa } from './identity/use-cases/demo-jpki.js';
import { prepareMunicipalityForIssuance } from './issuance/use-cases/prepare-municipality.js';
import { expireDrafts } from './notifications/index.js';
import { buildServer } from './server.js';
import { createServices } from './services.js';
import { ensureDemoStaff } from './staff/index.js';

/** `npm start`: migrate, seed the demo town when the database is empty, serve. */
export async function serve(config: Config) {
  const database = await connect({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
  await migrate(database.db);
  const existing = await database.db.selectFrom('municipality').select('code').limit(1).execute();
  if (existing.length === 0) {
    const { seedTown } = await import('./seed/seed-town.js');
    console.log(
      `madoguchi: seeding the demo town ${config.demoMunicipality} (${config.demoResidents} residents)…`,
    );
    await seedTown(database.db, {
      municipalityCode: config.demoMunicipality,
      residents: config.demoResidents,
      seed: config.demoSeed,
    });
  }
  const services = createServices(database, config);
  // The demo town can issue from the first start: fees of its ordinance and a signing key.
  const demo = await database.db
    .selectFrom('municipality')
    .select('code')
    .where('code', '=', config.demoMunicipality)
    .executeTakeFirst();
  let kioskAgent: KioskAgent | undefined;
  if (demo) {
    await prepareMunicipalityForIssuance(database.db, services.identities, demo.code);
    // The demo town's My Number cards chain to the demo JPKI CA; production imports the real CA certificates.
    await trustDemoJpkiCa({ db: database.db }, config.demoSeed);
    // Demo clerks for each role; their passwords and TOTP secrets go to a 0600 file, never to the log.
    const secretsFile = join(config.dataDir, 'secrets', 'demo-staff.txt');
    await ensureDemoStaff(services.staff, demo.code, { secretsFile });
    console.log(`madoguchi: demo staff accounts and their second factors are in ${secretsFile}`);
    // A simulated convenience-store terminal (card slot, cash unit, printer) for /kiosk/.
    kioskAgent = await createDemoKioskAgent({
      db: database.db,
      dataDir: config.dataDir,
      seed: config.demoSeed,
      municipalityCode: demo.code,
    });
  }
  const app = await buildServer({ database, config, services, kioskAgent });
  const shutdown = async () => {
    await app.close();
    await services.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // Drafts that passed their lifetime are deleted: a resident's data is kept no longer than needed.
  const purge = setInterval(() => {
    expireDrafts(services.notifications).catch((error: Error) =>
      app.log.warn({ err: error.message }, 'draft purge failed'),
    );
  }, 60 * 60_000);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));
  await app.listen({ host: config.host, port: config.port });
  console.log(
    `madoguchi: serving on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );
  return app;
}
