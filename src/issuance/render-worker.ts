import { parentPort } from 'node:worker_threads';
import type { IssueNumberStamp } from '../render/issue-number-stamp.js';
import type { CertificateDocument } from '../render/model.js';
import { prepareUnsigned } from './use-cases/in-process-pipeline.js';

/**
 * A rendering thread: it keeps its own parsed font and answers one job at a
 * time with a certificate ready to be numbered and signed (the main thread does
 * that under the number lock). A job carries the size of the signature to make
 * room for, never the key: signing keys do not leave the main thread.
 */
export interface RenderJob {
  id: number;
  doc: CertificateDocument;
  signatureSize: number;
  signingTime: number;
}

export type RenderReply =
  | { id: number; ok: true; pdf: Uint8Array; pages: number; issueNumber: IssueNumberStamp }
  | {
      id: number;
      ok: false;
      error: { name: string; message: string; code?: string; kind?: string; ja?: string; en?: string };
    };

if (parentPort) {
  const port = parentPort;
  port.on('message', async (job: RenderJob) => {
    try {
      const prepared = await prepareUnsigned(job.doc, job.signatureSize, new Date(job.signingTime));
      const reply: RenderReply = {
        id: job.id,
        ok: true,
        pdf: prepared.unsigned,
        pages: prepared.pages,
        issueNumber: prepared.issueNumber,
      };
      port.postMessage(reply, [prepared.unsigned.buffer as ArrayBuffer]);
    } catch (error) {
      const e = error as {
        name?: string;
        message?: string;
        code?: string;
        kind?: string;
        ja?: string;
        en?: string;
      };
      const reply: RenderReply = {
        id: job.id,
        ok: false,
        error: {
          name: e.name ?? 'Error',
          message: e.message ?? String(error),
          code: e.code,
          kind: e.kind,
          ja: e.ja,
          en: e.en,
        },
      };
      port.postMessage(reply);
    }
  });
}
