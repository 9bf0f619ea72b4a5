import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  logLevel: string;
  /** Public base URL printed in QR codes and verification links. */
  publicUrl: string;
  demoMunicipality: string;
  demoResidents: number;
  demoSeed: number;
  /** Threads that render and sign certificates; 0 renders on the main thread. */
  renderWorkers: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT is not a port number: ${env.PORT}`);
  const host = env.HOST ?? '127.0.0.1';
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.MADOGUCHI_DATA_DIR ?? 'data'),
    host,
    port,
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl: (env.MADOGUCHI_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    demoMunicipality: env.MADOGUCHI_DEMO_MUNICIPALITY ?? '999997',
    demoResidents: Number(env.MADOGUCHI_DEMO_RESIDENTS ?? 2000),
    demoSeed: Number(env.MADOGUCHI_DEMO_SEED ?? 1),
    renderWorkers: Number(env.MADOGUCHI_RENDER_WORKERS ?? availableParallelism()),
  };
}
