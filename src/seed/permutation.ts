import { mix32 } from './random.js';

/**
 * A keyed permutation of [0, size): index i of a generated person maps to a
 * distinct number that looks random. Identifiers (住民票コード, 個人番号,
 * card serials) come from it, so they are unique by construction and the
 * generator needs no set of every number issued so far — memory stays flat at
 * a million residents.
 *
 * A balanced Feistel network on the smallest even number of bits covering
 * `size`, with cycle walking to stay inside the domain. It is not a cipher to
 * hide anything; it only has to be a bijection that scatters.
 */
export class Permutation {
  private readonly halfBits: number;
  private readonly halfSize: number;
  private readonly mask: number;
  private readonly keys: number[];

  constructor(
    readonly size: number,
    key: number,
  ) {
    if (!Number.isSafeInteger(size) || size < 2)
      throw new RangeError('permutation size must be an integer ≥ 2');
    let bits = Math.ceil(Math.log2(size));
    if (bits % 2 === 1) bits++;
    this.halfBits = Math.max(1, bits / 2);
    if (this.halfBits > 26) throw new RangeError('permutation domain too large');
    this.halfSize = 2 ** this.halfBits;
    this.mask = this.halfSize - 1;
    this.keys = [];
    for (let round = 0; round < 6; round++)
      this.keys.push(mix32((key ^ Math.imul(round + 1, 0x9e3779b9)) >>> 0));
  }

  private round(value: number, round: number): number {
    return mix32((value ^ this.keys[round]!) >>> 0) & this.mask;
  }

  private encryptOnce(x: number): number {
    let left = Math.floor(x / this.halfSize);
    let right = x % this.halfSize;
    for (let r = 0; r < this.keys.length; r++) {
      const next = (left ^ this.round(right, r)) & this.mask;
      left = right;
      right = next;
    }
    return left * this.halfSize + right;
  }

  apply(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.size)
      throw new RangeError('index outside the domain');
    let x = this.encryptOnce(index);
    // Cycle walking: at most a few steps on average, because the domain is
    // less than four times the size.
    while (x >= this.size) x = this.encryptOnce(x);
    return x;
  }
}
