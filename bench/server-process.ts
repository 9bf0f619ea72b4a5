/**
 * A real madoguchi server process (`node --import tsx src/cli.ts serve`) on a
 * free loopback port, for the end-to-end benchmark and the crash test. It runs
 * in a process group of its own, so a SIGKILL reaches everything it started
 * and is a crash, never an orphaned server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const ROOT = new URL('..', import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh database on the PostgreSQL server of `baseUrl`; `drop()` removes it. */
export async function createScratchDatabase(
  baseUrl: string,
  prefix = 'madoguchi_bench',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface ServerOptions {
  /** PostgreSQL database URL; PGlite in the data directory when absent. */
  databaseUrl?: string;
  /** Kept across restarts; a fresh temporary directory when absent. */
  dataDir?: string;
  token?: string;
  demoResidents?: number;
  renderWorkers?: number;
  logLevel?: string;
  port?: number;
  /** Extra environment for the server. */
  env?: Record<string, string>;
}

export interface MemorySample {
  at: number;
  rssBytes: number;
}

export interface ServerProcess {
  readonly baseUrl: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  /** pid of the node process that runs the server. */
  serverPid(): number | undefined;
  /** Resolves when /healthz answers 200; rejects when the process exits first or on timeout. */
  ready(timeoutMs?: number): Promise<void>;
  /** SIGKILL to the whole process group, resolves when it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful shutdown), then SIGKILL after a grace period. */
  stop(graceMs?: number): Promise<void>;
  /** Peak resident set of the server process so far (VmHWM), in bytes. */
  peakRssBytes(): number | undefined;
  rssBytes(): number | undefined;
  /** Last lines the process wrote to stderr, for diagnosing a failed start. */
  stderrTail(): string;
  readonly exited: Promise<number | null>;
}

function readStatus(pid: number): Record<string, string> | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const fields: Record<string, string> = {};
    for (const line of text.split('\n')) {
      const at = line.indexOf(':');
      if (at > 0) fields[line.slice(0, at)] = line.slice(at + 1).trim();
    }
    return fields;
  } catch {
    return undefined;
  }
}

const kib = (value: string | undefined) => (value ? Number.parseInt(value, 10) * 1024 : undefined);

export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'madoguchi-server-'));
  const token = options.token ?? `bench-${randomBytes(16).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    MADOGUCHI_DATA_DIR: dataDir,
    MADOGUCHI_INTERNAL_TOKEN: token,
    MADOGUCHI_DEMO_RESIDENTS: String(options.demoResidents ?? 300),
    MADOGUCHI_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: options.logLevel ?? 'info',
    ...(options.renderWorkers !== undefined
      ? { MADOGUCHI_RENDER_WORKERS: String(options.renderWorkers) }
      : {}),
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  // Node itself with tsx's loader, not `npx tsx`: no npm and no launcher
  // process in front, which saved a few seconds on every (re)start.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: ROOT,
    env,
    detached: true, // its own process group, so kill(-pid) reaches all of it
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitedYet = false;
  void exited.then(() => {
    exitedYet = true;
  });
  const groupPid = child.pid!;
  let peak = 0;
  const baseUrl = `http://127.0.0.1:${port}`;

  /** The server is the process spawned, leader of its group. */
  function currentServerPid() {
    return !exitedYet && readStatus(groupPid) ? groupPid : undefined;
  }

  async function signal(sig: NodeJS.Signals) {
    try {
      process.kill(-groupPid, sig);
    } catch {
      // already gone
    }
  }

  async function waitGone(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    // The group is gone when no member is left.
    while (Date.now() < deadline) {
      try {
        process.kill(-groupPid, 0);
      } catch {
        return true;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  return {
    baseUrl,
    port,
    token,
    dataDir,
    exited,
    serverPid: currentServerPid,
    async ready(timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (exitedYet) throw new Error(`server exited before it was ready:\n${stderr}`);
        try {
          const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
          await res.arrayBuffer();
          if (res.status === 200) {
            currentServerPid();
            return;
          }
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`server not ready within ${timeoutMs} ms:\n${stderr}`);
    },
    async kill() {
      await signal('SIGKILL');
      await waitGone(10_000);
      await exited;
    },
    async stop(graceMs = 10_000) {
      await signal('SIGTERM');
      if (!(await waitGone(graceMs))) {
        await signal('SIGKILL');
        await waitGone(5_000);
      }
      await exited;
    },
    peakRssBytes() {
      const pid = currentServerPid();
      const hwm = pid ? kib(readStatus(pid)?.VmHWM) : undefined;
      if (hwm) peak = Math.max(peak, hwm);
      return peak || undefined;
    },
    rssBytes() {
      const pid = currentServerPid();
      return pid ? kib(readStatus(pid)?.VmRSS) : undefined;
    },
    stderrTail: () => stderr,
  };
}

/** Removes a temporary data directory made by startServer. */
export function removeDataDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}
