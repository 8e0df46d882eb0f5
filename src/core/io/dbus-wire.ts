/**
 * Just enough of the D-Bus wire format (little-endian) to call a few methods and read their
 * replies and signals. Why not dbus-send: a Secret Service unlock prompt belongs to the connection
 * that asked for it and dies with it, so Unlock, Prompt and the wait for Completed must share one
 * connection; dbus-send makes a new one per call.
 */

export type DbusValue = string | number | boolean | bigint | DbusValue[] | { readonly signature: string; readonly value: DbusValue };

const ALIGN: Readonly<Record<string, number>> = {
  y: 1,
  b: 4,
  n: 2,
  q: 2,
  i: 4,
  u: 4,
  x: 8,
  t: 8,
  d: 8,
  s: 4,
  o: 4,
  g: 1,
  a: 4,
  '(': 8,
  '{': 8,
  v: 1,
  h: 4,
};

/** Splits a signature into its complete types: "aoo" → ["ao", "o"]. */
export function splitSignature(signature: string): string[] {
  const out: string[] = [];
  let i = 0;
  const one = (): string => {
    const start = i;
    const c = signature[i++];
    if (c === 'a') one();
    else if (c === '(' || c === '{') {
      const close = c === '(' ? ')' : '}';
      while (signature[i] !== close) {
        if (i >= signature.length) throw new Error(`bad signature ${signature}`);
        one();
      }
      i++;
    }
    return signature.slice(start, i);
  };
  while (i < signature.length) out.push(one());
  return out;
}

export class Writer {
  private chunks: number[] = [];

  get length(): number {
    return this.chunks.length;
  }

  align(n: number): void {
    while (this.chunks.length % n !== 0) this.chunks.push(0);
  }

  byte(v: number): void {
    this.chunks.push(v & 0xff);
  }

  uint32(v: number): void {
    this.align(4);
    this.chunks.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  }

  /** Writes a uint32 at an earlier offset (array lengths known only afterwards). */
  patch32(at: number, v: number): void {
    this.chunks[at] = v & 0xff;
    this.chunks[at + 1] = (v >>> 8) & 0xff;
    this.chunks[at + 2] = (v >>> 16) & 0xff;
    this.chunks[at + 3] = (v >>> 24) & 0xff;
  }

  string(v: string): void {
    const bytes = Buffer.from(v, 'utf8');
    this.uint32(bytes.length);
    for (const b of bytes) this.chunks.push(b);
    this.chunks.push(0);
  }

  signature(v: string): void {
    this.byte(v.length);
    for (const b of Buffer.from(v, 'ascii')) this.chunks.push(b);
    this.chunks.push(0);
  }

  value(type: string, v: DbusValue): void {
    const c = type[0];
    switch (c) {
      case 'y':
        return this.byte(Number(v));
      case 'b':
        return this.uint32(v ? 1 : 0);
      case 'u':
      case 'i':
        return this.uint32(Number(v));
      case 's':
      case 'o':
        return this.string(String(v));
      case 'g':
        return this.signature(String(v));
      case 'v': {
        const variant = v as { signature: string; value: DbusValue };
        this.signature(variant.signature);
        return this.value(variant.signature, variant.value);
      }
      case 'a': {
        const element = type.slice(1);
        this.uint32(0);
        const lengthAt = this.chunks.length - 4;
        this.align(ALIGN[element[0] ?? 'y'] ?? 1);
        const start = this.chunks.length;
        for (const item of v as DbusValue[]) this.value(element, item);
        this.patch32(lengthAt, this.chunks.length - start);
        return;
      }
      case '(':
      case '{': {
        this.align(8);
        const fields = splitSignature(type.slice(1, -1));
        (v as DbusValue[]).forEach((item, index) => this.value(fields[index] ?? 'y', item));
        return;
      }
      default:
        throw new Error(`cannot write D-Bus type ${type}`);
    }
  }

  toBuffer(): Buffer {
    return Buffer.from(this.chunks);
  }
}

export class Reader {
  offset: number;

  constructor(
    private readonly buf: Buffer,
    offset = 0,
  ) {
    this.offset = offset;
  }

  align(n: number): void {
    this.offset = Math.ceil(this.offset / n) * n;
  }

  private need(n: number): void {
    if (this.offset + n > this.buf.length) throw new Error('truncated D-Bus message');
  }

  value(type: string): DbusValue {
    const c = type[0] ?? '';
    this.align(ALIGN[c] ?? 1);
    switch (c) {
      case 'y':
        this.need(1);
        return this.buf[this.offset++] ?? 0;
      case 'b':
        this.need(4);
        this.offset += 4;
        return this.buf.readUInt32LE(this.offset - 4) !== 0;
      case 'n':
      case 'q':
        this.need(2);
        this.offset += 2;
        return c === 'n' ? this.buf.readInt16LE(this.offset - 2) : this.buf.readUInt16LE(this.offset - 2);
      case 'i':
      case 'u':
      case 'h':
        this.need(4);
        this.offset += 4;
        return c === 'i' ? this.buf.readInt32LE(this.offset - 4) : this.buf.readUInt32LE(this.offset - 4);
      case 'x':
      case 't':
        this.need(8);
        this.offset += 8;
        return c === 'x' ? this.buf.readBigInt64LE(this.offset - 8) : this.buf.readBigUInt64LE(this.offset - 8);
      case 'd':
        this.need(8);
        this.offset += 8;
        return this.buf.readDoubleLE(this.offset - 8);
      case 's':
      case 'o': {
        const length = this.value('u') as number;
        this.need(length + 1);
        const text = this.buf.toString('utf8', this.offset, this.offset + length);
        this.offset += length + 1;
        return text;
      }
      case 'g': {
        this.need(1);
        const length = this.buf[this.offset++] ?? 0;
        this.need(length + 1);
        const text = this.buf.toString('ascii', this.offset, this.offset + length);
        this.offset += length + 1;
        return text;
      }
      case 'v': {
        const signature = this.value('g') as string;
        return { signature, value: this.value(signature) };
      }
      case 'a': {
        const length = this.value('u') as number;
        const element = type.slice(1);
        this.align(ALIGN[element[0] ?? 'y'] ?? 1);
        const end = this.offset + length;
        const items: DbusValue[] = [];
        while (this.offset < end) items.push(this.value(element));
        return items;
      }
      case '(':
      case '{':
        return splitSignature(type.slice(1, -1)).map((field) => this.value(field));
      default:
        throw new Error(`cannot read D-Bus type ${type}`);
    }
  }
}
