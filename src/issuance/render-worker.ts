import type { KeyObject, X509Certificate } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { CertificateDocument } from '../render/model.js';
import type { LoadedSigningIdentity } from '../signing/keys.js';
import { renderAndSignCertificate } from './use-cases/in-process-pipeline.js';

/**
 * A rendering thread: it keeps its own parsed font and answers one job at a
 * time. Keys arrive as KeyObjects (cloned by postMessage), never as text.
 */
export interface RenderJob {
  id: number;
  doc: CertificateDocument;
  privateKey: KeyObject;
  certificateChainPem: string[];
  signingTime: number;
}

export type RenderReply =
  | { id: number; ok: true; pdf: Uint8Array; pages: number }
  | {
      id: number;
      ok: false;
      error: { name: string; message: string; code?: string; kind?: string; ja?: string; en?: string };
    };

if (parentPort) {
  const port = parentPort;
  const { X509Certificate: X509 } = await import('node:crypto');
  port.on('message', async (job: RenderJob) => {
    try {
      const chain: X509Certificate[] = job.certificateChainPem.map((pem) => new X509(pem));
      const identity = {
        privateKey: job.privateKey,
        certificateChain: chain,
        certificate: chain[0]!,
        trustAnchor: chain.at(-1)!,
      } satisfies LoadedSigningIdentity;
      const rendered = await renderAndSignCertificate(job.doc, identity, new Date(job.signingTime));
      const reply: RenderReply = { id: job.id, ok: true, pdf: rendered.pdf, pages: rendered.pages };
      port.postMessage(reply, [rendered.pdf.buffer as ArrayBuffer]);
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
