import type { IssueNumberStamp } from '../../render/issue-number-stamp.js';
import { stampIssueNumber } from '../../render/issue-number-stamp.js';
import type { CertificateDocument } from '../../render/model.js';
import type { LoadedSigningIdentity } from '../../signing/keys.js';
import { signPreparedPdf } from '../../signing/pades.js';

export interface RenderedCertificate {
  pdf: Uint8Array;
  pages: number;
}

/** A rendered certificate waiting for its issue number and its signature. */
export interface PreparedCertificate {
  /** Saved with room for the signature; the issue number is the one it was rendered with until stamped. */
  unsigned: Uint8Array;
  pages: number;
  issueNumber: IssueNumberStamp;
}

/**
 * Render → sign, behind one interface so the work can move to a pool of
 * worker threads without the engine changing. Rendering (`prepare`) is the
 * expensive part and needs no lock; `finishCertificate` writes the issue number
 * and signs, in well under a millisecond, once the number is taken.
 * Implementations must be deterministic: the same document, identity and time
 * give the same bytes, whether rendered with the number or stamped with it.
 */
export interface DocumentPipeline {
  prepare(
    doc: CertificateDocument,
    identity: LoadedSigningIdentity,
    signingTime: Date,
  ): Promise<PreparedCertificate>;
  renderAndSign(
    doc: CertificateDocument,
    identity: LoadedSigningIdentity,
    signingTime: Date,
  ): Promise<RenderedCertificate>;
  close?(): Promise<void>;
}

/** Stamps the issue number into a prepared certificate and signs it. */
export function finishCertificate(
  prepared: PreparedCertificate,
  issueNumber: string,
  identity: LoadedSigningIdentity,
): RenderedCertificate {
  const pdf = Buffer.from(prepared.unsigned);
  stampIssueNumber(pdf, prepared.issueNumber, issueNumber, prepared.pages);
  return { pdf: signPreparedPdf(pdf, identity), pages: prepared.pages };
}

/** `renderAndSign` for a pipeline that can prepare: render, then stamp the document's own number and sign. */
export function renderAndSignWith(prepare: DocumentPipeline['prepare']): DocumentPipeline['renderAndSign'] {
  return async (doc, identity, signingTime) =>
    finishCertificate(await prepare(doc, identity, signingTime), doc.issueNumber, identity);
}
