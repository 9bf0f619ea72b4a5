import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption of TOTP secrets at rest (AES-256-GCM). The key comes from the
 * secrets file or the environment, never from the database, so a copy of the
 * database alone does not give anyone the second factor. The row's identity is
 * bound in as associated data: a ciphertext copied onto another account fails.
 */
export interface SecretBox {
  seal(plaintext: Uint8Array, context: string): string;
  open(sealed: string, context: string): Buffer;
}

const VERSION = 'v1';

export function secretBox(keyMaterial: string): SecretBox {
  if (keyMaterial.length < 16) throw new Error('the TOTP encryption key is too short');
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, Buffer.alloc(0), 'madoguchi staff totp', 32));
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed, context) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined)
        throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    },
  };
}
