/**
 * A small reader of TNEF (MS-OXTNEF), the winmail.dat Outlook and Exchange attach when they send
 * rich text: the files inside it and the message's body. No npm reader was clean enough (the
 * one in use pulls a logger and a command-line parser in); the format is a flat list of
 * attributes, read here with every length checked against the bytes there are.
 */
import { Cursor, PT_OBJECT, type PropValue, Truncated, propText, readProps } from './tnefProps';

const SIGNATURE = 0x223e9f78;
const LEVEL_ATTACHMENT = 0x02;
const ATT_BODY = 0x0002800c;
const ATT_MSG_PROPS = 0x00069003;
const ATT_ATTACH_RENDDATA = 0x00069002; // starts the next attachment
const ATT_ATTACH_TITLE = 0x00018010;
const ATT_ATTACH_DATA = 0x0006800f;
const ATT_ATTACHMENT = 0x00069005;
const PR_BODY = 0x1000;
const PR_BODY_HTML = 0x1013;
const PR_ATTACH_DATA = 0x3701;
const PR_ATTACH_FILENAME = 0x3704;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_ATTACH_MIME_TAG = 0x370e;
const PR_ATTACH_CONTENT_ID = 0x3712;

export interface UnpackedFile {
  name: string | undefined;
  contentType: string | undefined;
  contentId: string | undefined;
  content: Buffer;
}

export interface Unpacked {
  files: UnpackedFile[];
  text: string | undefined;
  html: string | undefined;
}

export function isTnef(data: Buffer): boolean {
  return data.length >= 6 && data.readUInt32LE(0) === SIGNATURE;
}

interface Building {
  title?: string | undefined;
  data?: Buffer | undefined;
  props?: Map<number, PropValue> | undefined;
}

function finish(b: Building): UnpackedFile | undefined {
  const props = b.props ?? new Map<number, PropValue>();
  let content = b.data;
  const bin = props.get(PR_ATTACH_DATA);
  // An attached Outlook item is an object: 16 bytes of interface id, then the data.
  if (!content && bin) content = bin.type === PT_OBJECT ? bin.bytes.subarray(16) : bin.bytes;
  if (!content) return undefined;
  const name =
    propText(props.get(PR_ATTACH_LONG_FILENAME)) ??
    propText(props.get(PR_ATTACH_FILENAME)) ??
    b.title;
  return {
    name: name || undefined,
    contentType: propText(props.get(PR_ATTACH_MIME_TAG)) || undefined,
    contentId: propText(props.get(PR_ATTACH_CONTENT_ID)) || undefined,
    content,
  };
}

/** The files and body of a TNEF stream; what follows a damaged attribute is given up. */
export function readTnef(data: Buffer, maxFiles: number): Unpacked {
  const out: Unpacked = { files: [], text: undefined, html: undefined };
  const c = new Cursor(data, 6);
  let current: Building | undefined;
  const close = (): void => {
    const file = current && finish(current);
    if (file && out.files.length < maxFiles) out.files.push(file);
    current = undefined;
  };
  try {
    while (c.at < data.length) {
      const level = c.take(1)[0];
      const id = c.u32();
      const value = c.take(c.u32());
      c.u16(); // checksum: a wrong one loses nothing the length check would not catch
      if (level === LEVEL_ATTACHMENT) {
        if (id === ATT_ATTACH_RENDDATA) {
          close();
          current = {};
        }
        current ??= {};
        if (id === ATT_ATTACH_TITLE) current.title = propText({ type: 0x1e, bytes: value });
        if (id === ATT_ATTACH_DATA) current.data = value;
        if (id === ATT_ATTACHMENT) current.props = readProps(value);
      } else if (id === ATT_BODY) {
        out.text = value.toString('latin1').replace(/\0[\s\S]*$/, '');
      } else if (id === ATT_MSG_PROPS) {
        const props = readProps(value);
        out.text = propText(props.get(PR_BODY)) ?? out.text;
        out.html = propText(props.get(PR_BODY_HTML));
      }
    }
  } catch (err) {
    if (!(err instanceof Truncated)) throw err;
  }
  close();
  return out;
}
