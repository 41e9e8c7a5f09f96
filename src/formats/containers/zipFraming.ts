/** What a zip entry's local header or data descriptor says its inflated data is. */
export interface ZipEntryCheck {
  /** CRC-32 of the inflated bytes. */
  crc: number;
  /** Inflated size in bytes. */
  size: number;
}

const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const MAX32 = 0xffffffff;

const u16 = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number): number => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, i: number): number => u32(b, i) + u32(b, i + 4) * 2 ** 32;

/**
 * Follows a zip archive's entries through the same bytes fflate's streaming `Unzip` is given, to
 * learn what each entry should inflate to: fflate reads the local headers and finds where data
 * ends, but never hands over the CRC-32 and size they state, nor checks them. Entries are numbered
 * in archive order (0, 1, …: the order of `Unzip`'s file callbacks). Worked example: an archive of
 * a stored `a.csv` (`1,2\n`) then a deflated `b.csv` written with a data descriptor gives
 * `expected.get(0)` = { crc: 0x…, size: 4 } as soon as the first header is pushed, and
 * `expected.get(1)` once the bytes of b's descriptor are.
 *
 * Like fflate, an entry with a data descriptor (flag bit 3) is taken to end at the descriptor's
 * signature `PK 07 08`; an entry whose descriptor has no signature gets no check. At the central
 * directory, or at bytes that are not a local header, following stops (nothing more is expected).
 */
export class ZipFraming {
  /** Entry number → what it should inflate to, once known; the caller deletes what it has used. */
  readonly expected = new Map<number, ZipEntryCheck>();
  private index = -1;
  private state: 'header' | 'data' | 'scan' | 'descriptor' | 'done' = 'header';
  /** Header or descriptor bytes gathered so far, and how many are needed. */
  private held = new Uint8Array(64);
  private heldLength = 0;
  private need = 30;
  /** Data bytes of a sized entry still to pass over. */
  private skip = 0;
  private zip64 = false;
  /** Scanning for a descriptor: the last four bytes seen, as a little-endian word. */
  private word = 0;

  push(chunk: Uint8Array): void {
    let pos = 0;
    const n = chunk.length;
    while (pos < n && this.state !== 'done') {
      if (this.state === 'data') {
        const take = Math.min(this.skip, n - pos);
        this.skip -= take;
        pos += take;
        if (this.skip === 0) this.toHeader();
      } else if (this.state === 'scan') {
        let w = this.word;
        while (pos < n) {
          w = ((w >>> 8) | (chunk[pos++] << 24)) >>> 0;
          if (w === DESCRIPTOR) break;
          if (w === LOCAL) {
            // A descriptor without its signature: no check for this entry; a new header begins.
            this.word = 0;
            this.state = 'header';
            this.held.set([0x50, 0x4b, 0x03, 0x04]);
            this.heldLength = 4;
            this.need = 30;
            w = -1;
            break;
          }
        }
        if (w === DESCRIPTOR) {
          this.word = 0;
          this.state = 'descriptor';
          this.heldLength = 0;
          this.need = this.zip64 ? 20 : 12;
        } else if (w !== -1) {
          this.word = w;
        }
      } else {
        pos = this.gather(chunk, pos);
        if (this.heldLength < this.need) return;
        if (this.state === 'descriptor') this.descriptor();
        else this.header();
      }
    }
  }

  private toHeader(): void {
    this.state = 'header';
    this.heldLength = 0;
    this.need = 30;
  }

  private gather(chunk: Uint8Array, pos: number): number {
    const take = Math.min(this.need - this.heldLength, chunk.length - pos);
    if (this.need > this.held.length) {
      const bigger = new Uint8Array(this.need);
      bigger.set(this.held.subarray(0, this.heldLength));
      this.held = bigger;
    }
    this.held.set(chunk.subarray(pos, pos + take), this.heldLength);
    this.heldLength += take;
    return pos + take;
  }

  private header(): void {
    const h = this.held;
    if (u32(h, 0) !== LOCAL) {
      this.state = 'done'; // the central directory, or bytes fflate will reject
      return;
    }
    const whole = 30 + u16(h, 26) + u16(h, 28);
    if (this.need < whole) {
      this.need = whole;
      return;
    }
    this.index += 1;
    const flags = u16(h, 6);
    const crc = u32(h, 14);
    let compressed = u32(h, 18);
    let size = u32(h, 22);
    this.zip64 = false;
    if (compressed === MAX32 || size === MAX32) {
      // The zip64 extra field (id 1) holds the sizes given as 0xFFFFFFFF: inflated, then compressed.
      const end = whole;
      for (let at = 30 + u16(h, 26); at + 4 <= end; at += 4 + u16(h, at + 2)) {
        if (u16(h, at) !== 1) continue;
        this.zip64 = true;
        let field = at + 4;
        if (size === MAX32) {
          size = u64(h, field);
          field += 8;
        }
        if (compressed === MAX32) compressed = u64(h, field);
        break;
      }
    }
    if (flags & 8) {
      this.state = 'scan';
      this.word = 0;
      return;
    }
    this.expected.set(this.index, { crc, size });
    this.skip = compressed;
    if (this.skip === 0) this.toHeader();
    else this.state = 'data';
  }

  private descriptor(): void {
    const h = this.held;
    this.expected.set(this.index, { crc: u32(h, 0), size: this.zip64 ? u64(h, 12) : u32(h, 8) });
    this.toHeader();
  }
}
