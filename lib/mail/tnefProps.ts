/**
 * MAPI property lists inside TNEF (MS-OXTNEF §2.1.3.4, attMsgProps and attAttachment): a count,
 * then each property's tag, for named properties its name, and its values, every value padded
 * to 4 bytes. Only what the reader needs is kept: variable-sized values by property id.
 */

const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
const PT_BINARY = 0x0102;
const PT_OBJECT = 0x000d;
const MV_FLAG = 0x1000;
// Fixed sizes before padding (MS-OXCDATA §2.11.1).
const FIXED: Record<number, number> = {
  0x0001: 0,
  0x0002: 2,
  0x0003: 4,
  0x0004: 4,
  0x0005: 8,
  0x0006: 8,
  0x0007: 8,
  0x000a: 4,
  0x000b: 2,
  0x0014: 8,
  0x0040: 8,
  0x0048: 16,
};

export class Truncated extends Error {}

const pad4 = (n: number): number => (n + 3) & ~3;

class Cursor {
  constructor(
    readonly data: Buffer,
    public at = 0,
  ) {}
  take(n: number): Buffer {
    if (n < 0 || this.at + n > this.data.length) throw new Truncated('truncated');
    const out = this.data.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  u16(): number {
    return this.take(2).readUInt16LE(0);
  }
  u32(): number {
    return this.take(4).readUInt32LE(0);
  }
}

export interface PropValue {
  type: number;
  bytes: Buffer;
}

/** Variable-sized single values of a property list, by property id (0x3707, 0x1013, ...). */
export function readProps(data: Buffer, maxProps = 4096): Map<number, PropValue> {
  const out = new Map<number, PropValue>();
  const c = new Cursor(data);
  const count = Math.min(c.u32(), maxProps);
  for (let i = 0; i < count; i++) {
    const type = c.u16();
    const id = c.u16();
    if (id >= 0x8000) {
      c.take(16); // the property set's GUID
      if (c.u32() === 0) c.u32();
      else c.take(pad4(c.u32()));
    }
    const base = type & ~MV_FLAG;
    const variable = base === PT_STRING8 || base === PT_UNICODE || base === PT_BINARY;
    const values = type & MV_FLAG || variable || base === PT_OBJECT ? c.u32() : 1;
    for (let v = 0; v < values; v++) {
      if (variable || base === PT_OBJECT) {
        const length = c.u32();
        const bytes = c.take(length);
        c.take(pad4(length) - length);
        if (v === 0 && !out.has(id)) out.set(id, { type: base, bytes });
      } else {
        const size = FIXED[base];
        if (size === undefined) throw new Truncated('unknown property type');
        c.take(pad4(size));
      }
    }
  }
  return out;
}

/** A PT_STRING8 or PT_UNICODE value as text; a binary one as UTF-8. */
export function propText(value: PropValue | undefined): string | undefined {
  if (!value) return undefined;
  const { bytes, type } = value;
  const text =
    type === PT_UNICODE
      ? bytes.toString('utf16le')
      : type === PT_STRING8
        ? bytes.toString('latin1')
        : bytes.toString('utf8');
  return text.replace(/\0[\s\S]*$/, '');
}

export { Cursor, PT_OBJECT };
