/**
 * Builders of Outlook's containers for the tests, made here from their specifications rather
 * than copied: TNEF (MS-OXTNEF §2.1.3) and .msg compound files (MS-OXMSG, written with
 * msgreader's own compound file writer).
 */
import { type Entry, burn } from '@kenjiuno/msgreader/lib/Burner';

const u16 = (n: number): Buffer => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const pad4 = (b: Buffer): Buffer => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);

function attribute(level: number, id: number, data: Buffer): Buffer {
  const checksum = data.reduce((sum, byte) => (sum + byte) & 0xffff, 0);
  return Buffer.concat([Buffer.from([level]), u32(id), u32(data.length), data, u16(checksum)]);
}

/** A MAPI property list of variable-sized values: [type, id, bytes]. */
function props(list: Array<[number, number, Buffer]>): Buffer {
  const values = list.map(([type, id, bytes]) =>
    Buffer.concat([u16(type), u16(id), u32(1), u32(bytes.length), pad4(bytes)]),
  );
  return Buffer.concat([u32(list.length), ...values]);
}

const unicode = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf16le');
const ansi = (s: string): Buffer => Buffer.from(`${s}\0`, 'latin1');

export interface TnefFile {
  /** The 8.3 title; the long name, when given, is in the attachment's MAPI properties. */
  title: string;
  longName?: string;
  mime?: string;
  content: Buffer;
}

/** A winmail.dat with a body (attBody, and PR_BODY_HTML when `html`) and files. */
export function tnef(body: { text?: string; html?: string }, files: TnefFile[]): Buffer {
  const parts = [u32(0x223e9f78), u16(0x0001), attribute(1, 0x00089006, u32(0x00010000))];
  if (body.text) parts.push(attribute(1, 0x0002800c, ansi(body.text)));
  if (body.html)
    parts.push(attribute(1, 0x00069003, props([[0x0102, 0x1013, Buffer.from(body.html)]])));
  for (const f of files) {
    parts.push(attribute(2, 0x00069002, Buffer.alloc(14)));
    parts.push(attribute(2, 0x00018010, ansi(f.title)));
    parts.push(attribute(2, 0x0006800f, f.content));
    const mapi: Array<[number, number, Buffer]> = [];
    if (f.longName) mapi.push([0x001f, 0x3707, unicode(f.longName)]);
    if (f.mime) mapi.push([0x001e, 0x370e, ansi(f.mime)]);
    if (mapi.length > 0) parts.push(attribute(2, 0x00069005, props(mapi)));
  }
  return Buffer.concat(parts);
}

export interface MsgItem {
  subject: string;
  body: string;
  files: Array<{ name: string; content: Buffer }>;
}

const doc = (name: string, bytes: Buffer): Entry => ({
  name,
  type: 2,
  length: bytes.length,
  // burn reads the provider's whole ArrayBuffer: a pooled Buffer is copied out first.
  binaryProvider: () => Uint8Array.from(bytes),
});

/** An Outlook mail item (.msg) with a subject, a plain body and attached files. */
export function outlookMsg(item: MsgItem): Buffer {
  const entries: Entry[] = [{ name: 'Root Entry', type: 5, length: 0, children: [] }];
  const add = (entry: Entry, parent: Entry): void => {
    entries.push(entry);
    parent.children?.push(entries.length - 1);
  };
  const root = entries[0] as Entry;
  add(doc('__properties_version1.0', Buffer.alloc(32)), root);
  add(doc('__substg1.0_0037001F', Buffer.from(item.subject, 'utf16le')), root);
  add(doc('__substg1.0_1000001F', Buffer.from(item.body, 'utf16le')), root);
  item.files.forEach((file, i) => {
    const storage: Entry = {
      name: `__attach_version1.0_#${i.toString(16).padStart(8, '0').toUpperCase()}`,
      type: 1,
      length: 0,
      children: [],
    };
    add(storage, root);
    add(doc('__properties_version1.0', Buffer.alloc(8)), storage);
    add(doc('__substg1.0_3707001F', Buffer.from(file.name, 'utf16le')), storage);
    add(doc('__substg1.0_37010102', file.content), storage);
  });
  return Buffer.from(burn(entries));
}
