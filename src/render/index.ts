/** The renderer's public surface: certificate documents in, deterministic PDFs out. */
export { chosenFont, type FontChoice, warmFonts } from './fonts.js';
export * from './model.js';
export {
  certificateFont,
  type RenderedCertificate,
  type RenderOptions,
  renderCertificate,
  renderCertificateBytes,
} from './render-certificate.js';
