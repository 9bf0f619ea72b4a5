import type { CertificateDocument } from '../../render/model.js';
import type { LoadedSigningIdentity } from '../../signing/keys.js';

export interface RenderedCertificate {
  pdf: Uint8Array;
  pages: number;
}

/**
 * Render → sign, behind one interface so the work can move to a pool of
 * worker threads without the engine changing. Implementations must be
 * deterministic: the same document, identity and time give the same bytes.
 */
export interface DocumentPipeline {
  renderAndSign(
    doc: CertificateDocument,
    identity: LoadedSigningIdentity,
    signingTime: Date,
  ): Promise<RenderedCertificate>;
  close?(): Promise<void>;
}
