import { X509Certificate } from 'node:crypto';

/** Splits a PEM bundle into certificates, in file order. */
export function parseCertificateChain(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block));
}
