/**
 * What parse.ts hands mailparser besides the mail's own parse: the staged mail in slices, and
 * bare header sections read on their own (repair.ts). With parse.ts, the only file that imports
 * mailparser.
 */
import { MailParser } from 'mailparser';

import { type HeaderSection, rawHeaders } from './headerFields';

// The staged mail is one Buffer. Handed to the parser whole, it is split and decoded in one go
// and the decoded attachments pile up in memory faster than an upload can take them (about 4×
// the mail's size); in 64 KiB slices, an attachment consumer's backpressure reaches the input.
const INPUT_SLICE = 64 * 1024;

export function* slices(raw: Buffer): Generator<Buffer> {
  for (let at = 0; at < raw.length; at += INPUT_SLICE) yield raw.subarray(at, at + INPUT_SLICE);
}

/** Reads a bare header section (an attached mail's, or a repaired one) with mailparser. */
export function readHeaderSection(head: Buffer): Promise<HeaderSection | undefined> {
  return new Promise((resolve) => {
    const parser = new MailParser();
    let headers = new Map<string, unknown>();
    // mailparser emits 'headers' first, then 'headerLines'.
    parser.on('headers', (h: Map<string, unknown>) => (headers = h));
    parser.on('headerLines', (l: Array<{ key: string; line: string }>) =>
      resolve({ headers, lines: rawHeaders(l) }),
    );
    parser.on('error', () => resolve(undefined));
    parser.on('end', () => resolve(undefined));
    parser.on('data', (data: { release?: () => void }) => data.release?.());
    parser.end(head);
  });
}
