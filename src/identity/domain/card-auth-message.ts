/**
 * The bytes a card signs to answer a server challenge. A fixed label keeps a
 * card signature made here from being valid anywhere else (and the other way
 * round); the kiosk id binds the answer to the kiosk the challenge was given to,
 * so a signature relayed from another terminal is useless.
 *
 *   "madoguchi-card-auth-v1" ‖ 0x00 ‖ nonce (32 bytes) ‖ kioskId (UTF-8)
 */
export const CARD_AUTH_LABEL = 'madoguchi-card-auth-v1';
export const CARD_AUTH_NONCE_BYTES = 32;

export function cardAuthMessage(nonce: Uint8Array, kioskId: string): Buffer {
  if (nonce.length !== CARD_AUTH_NONCE_BYTES)
    throw new Error(`the nonce must be ${CARD_AUTH_NONCE_BYTES} bytes`);
  if (kioskId.length === 0) throw new Error('the kiosk id is empty');
  return Buffer.concat([
    Buffer.from(CARD_AUTH_LABEL, 'ascii'),
    Buffer.from([0]),
    nonce,
    Buffer.from(kioskId, 'utf8'),
  ]);
}
