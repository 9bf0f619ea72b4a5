import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CertificateDocument } from '../../render/model.js';
import { AppError, type ErrorKind } from '../../shared/errors.js';
import type { LoadedSigningIdentity } from '../../signing/keys.js';
import { signatureBytes } from '../../signing/pades.js';
import type { RenderJob, RenderReply } from '../render-worker.js';
import { type DocumentPipeline, type PreparedCertificate, renderAndSignWith } from './document-pipeline.js';

export interface WorkerPipelineOptions {
  /** Threads; the number of cores by default. */
  size?: number;
  /** A job still running after this is killed with its thread, and the issuance aborts. */
  jobTimeoutMs?: number;
}

interface Pending {
  job: RenderJob;
  resolve: (prepared: PreparedCertificate) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  busy?: Pending & { timer: NodeJS.Timeout };
}

const WORKER_URL = new URL('../render-worker-boot.mjs', import.meta.url);

function spawn(): Worker {
  const worker = new Worker(WORKER_URL);
  worker.unref();
  return worker;
}

const timeoutError = () =>
  new AppError('unavailable', 'issuance_timeout', {
    ja: '証明書の作成に時間がかかったため、発行を取り消しました。手数料はかかっていません。もう一度お試しください。',
    en: 'Making the certificate took too long and the issuance was cancelled; nothing was charged. Please try again.',
  });

/**
 * Rendering and signing on a pool of threads sized to the cores, so no
 * request waits behind another's CPU work on the event loop. A job that
 * overruns its time is not left to finish: its thread is terminated and
 * replaced, and the caller's transaction aborts.
 */
export function workerPipeline(
  options: WorkerPipelineOptions = {},
): DocumentPipeline & { size: number; close(): Promise<void> } {
  const size = Math.max(1, options.size ?? availableParallelism());
  const jobTimeoutMs = options.jobTimeoutMs ?? 10_000;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  function attach(slot: Slot) {
    slot.worker.on('message', (reply: RenderReply) => {
      const busy = slot.busy;
      if (!busy || busy.job.id !== reply.id) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      if (reply.ok)
        busy.resolve({
          unsigned: new Uint8Array(reply.pdf),
          pages: reply.pages,
          issueNumber: reply.issueNumber,
        });
      else if (reply.error.kind && reply.error.code && reply.error.ja && reply.error.en)
        busy.reject(
          new AppError(reply.error.kind as ErrorKind, reply.error.code, {
            ja: reply.error.ja,
            en: reply.error.en,
          }),
        );
      else busy.reject(new Error(`render worker: ${reply.error.name}: ${reply.error.message}`));
      pump();
    });
    slot.worker.on('error', (error) => replace(slot, error));
    slot.worker.on('exit', (code) => {
      if (!closed && code !== 0) replace(slot, new Error(`render worker exited with ${code}`));
    });
  }

  function replace(slot: Slot, error: unknown) {
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.reject(error);
    }
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (closed) return;
    slot.worker = spawn();
    attach(slot);
    pump();
  }

  function pump() {
    for (const slot of slots) {
      if (slot.busy || queue.length === 0) continue;
      const next = queue.shift()!;
      const timer = setTimeout(() => replace(slot, timeoutError()), jobTimeoutMs);
      slot.busy = { ...next, timer };
      slot.worker.postMessage(next.job);
    }
  }

  for (let i = 0; i < size; i++) {
    const slot: Slot = { worker: spawn() };
    attach(slot);
    slots.push(slot);
  }

  function prepare(doc: CertificateDocument, identity: LoadedSigningIdentity, signingTime: Date) {
    if (closed) return Promise.reject(new Error('the render pipeline is closed'));
    const job: RenderJob = {
      id: nextId++,
      doc,
      signatureSize: signatureBytes(identity),
      signingTime: signingTime.getTime(),
    };
    return new Promise<PreparedCertificate>((resolve, reject) => {
      queue.push({ job, resolve, reject });
      pump();
    });
  }

  return {
    size,
    prepare,
    renderAndSign: renderAndSignWith(prepare),
    async close() {
      closed = true;
      for (const item of queue.splice(0)) item.reject(new Error('the render pipeline is closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
