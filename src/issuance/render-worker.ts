import { type KeyObject, X509Certificate } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { IssueNumberStamp } from '../render/issue-number-stamp.js';
import type { CertificateDocument } from '../render/model.js';
import type { LoadedSigningIdentity } from '../signing/keys.js';
import { prepareCertificate } from './use-cases/in-process-pipeline.js';

/**
 * A rendering thread: it keeps its own parsed font and answers one job at a
 * time with a certificate ready to be numbered and signed (the main thread does
 * that under the number lock). Keys arrive as KeyObjects (cloned by
 * postMessage), never as text.
 */
export interface RenderJob {
  id: number;
  doc: CertificateDocument;
  privateKey: KeyObject;
  certificateChainPem: string[];
  signingTime: number;
}

export type RenderReply =
  | { id: number; ok: true; pdf: Uint8Array; pages: number; issueNumber: IssueNumberStamp }
  | {
      id: number;
      ok: false;
      error: { name: string; message: string; code?: string; kind?: string; ja?: string; en?: string };
    };

/** Identities seen by this thread, by chain: the chain is parsed and the key checked once, not per job. */
const identities = new Map<string, LoadedSigningIdentity>();

function identityOf(job: RenderJob): LoadedSigningIdentity {
  const key = job.certificateChainPem.join('');
  const known = identities.get(key);
  if (known?.privateKey.equals(job.privateKey)) return known;
  const chain = job.certificateChainPem.map((pem) => new X509Certificate(pem));
  const identity = {
    privateKey: job.privateKey,
    certificateChain: chain,
    certificate: chain[0]!,
    trustAnchor: chain.at(-1)!,
  } satisfies LoadedSigningIdentity;
  if (identities.size >= 4096) identities.clear();
  identities.set(key, identity);
  return identity;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', async (job: RenderJob) => {
    try {
      const prepared = await prepareCertificate(job.doc, identityOf(job), new Date(job.signingTime));
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
