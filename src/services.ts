import type { Config } from './config.js';
import type { Database } from './db/connect.js';
import type { DocumentPipeline } from './issuance/use-cases/document-pipeline.js';
import { inProcessPipeline } from './issuance/use-cases/in-process-pipeline.js';
import type { IssuanceDeps } from './issuance/use-cases/issue-certificate.js';
import { type SigningIdentities, signingIdentities } from './issuance/use-cases/signing-identities.js';
import { workerPipeline } from './issuance/use-cases/worker-pipeline.js';
import type { NotificationDeps } from './notifications/use-cases/notification-deps.js';
import { loadOrCreateSecret } from './shared/secrets.js';
import {
  createStaffDeps,
  loadStaffTotpKey,
  type StaffDeps,
  type StaffGuard,
  staffGuard,
} from './staff/index.js';

export interface Services {
  identities: SigningIdentities;
  issuance: IssuanceDeps;
  internalApiToken: string;
  staff: StaffDeps;
  guard: StaffGuard;
  notifications: NotificationDeps;
  close(): Promise<void>;
}

/** The long-lived parts shared by the HTTP server and the command line. */
export function createServices(database: Database, config: Config): Services {
  const passphrase = loadOrCreateSecret(
    config.dataDir,
    'signing-key-passphrase',
    process.env.MADOGUCHI_KEY_PASSPHRASE,
  );
  const identities = signingIdentities(database.db, passphrase);
  const pipeline: DocumentPipeline =
    config.renderWorkers > 0 ? workerPipeline({ size: config.renderWorkers }) : inProcessPipeline;
  const staff = createStaffDeps({ db: database.db, totpKey: loadStaffTotpKey(config.dataDir) });
  return {
    identities,
    staff,
    guard: staffGuard(staff),
    notifications: {
      db: database.db,
      identities,
      publicUrl: config.publicUrl,
      sealKey: loadOrCreateSecret(
        config.dataDir,
        'notification-seal-key',
        process.env.MADOGUCHI_NOTIFICATION_SEAL_KEY,
      ),
    },
    issuance: { db: database.db, identities, pipeline, publicUrl: config.publicUrl },
    internalApiToken: loadOrCreateSecret(
      config.dataDir,
      'internal-api-token',
      process.env.MADOGUCHI_INTERNAL_TOKEN,
    ),
    close: async () => {
      await pipeline.close?.();
    },
  };
}
