/**
 * mailparser keeps every inline text part of a mail whole in memory and rewrites it several times
 * (line ends, text to HTML, HTML to text) before it hands the text on: a 30 MB text/plain mail of
 * one-character lines raised the peak RSS by 2.3 GB, and an HTML part over its conversion limit
 * failed the whole mail. It has no option to bound this, so the transfer-encoded bytes of inline
 * text parts are capped here as they stream in. A ticket shows at most 63,999 characters
 * (ticketFields.ts); what is dropped stays in original.eml, which keeps the mail whole.
 */

// Per part: eight times what a ticket can show, room for verbose HTML (Word's markup runs to
// several times its text). mailparser's HTML-to-text conversion multiplies some HTML twentyfold
// (each <hr> becomes a line of 80 dashes: 1 MiB of them cost 260 MB), so this stays small.
export const MAX_TEXT_PART_BYTES = 512 * 1024;
// Per mail, across all inline text parts: a text and an HTML alternative both fit; a thousand
// small parts (limits.ts allows 1,000) cannot add up to the 30 MB that blew up.
export const MAX_TEXT_BYTES = 2 * MAX_TEXT_PART_BYTES;

/** The part of mailparser's internals this relies on (mailparser 3.9, lib/mail-parser.js). */
interface TextNode {
  isAttachment?: boolean;
  disposition?: string;
}
interface Chunk {
  type: string;
  value?: Buffer;
}
interface ParserInternals {
  curnode?: TextNode | false;
  processChunk(data: Chunk, done: (err?: unknown) => void): void;
}

/**
 * Caps what `parser` (a mailparser MailParser, before any input) keeps of inline text parts: the
 * body chunks it would collect into a text are cut once a part or the mail has its share.
 * `truncated` tells afterwards whether anything was cut.
 */
export function capInlineText(parser: object): { truncated: () => boolean } {
  const internals = parser as ParserInternals;
  if (typeof internals.processChunk !== 'function') {
    throw new TypeError('mailparser no longer has processChunk: the text cap cannot apply');
  }
  const process = internals.processChunk.bind(parser);
  let mailLeft = MAX_TEXT_BYTES;
  let partLeft = MAX_TEXT_PART_BYTES;
  let part: TextNode | undefined;
  let truncated = false;
  internals.processChunk = (data, done) => {
    const node = internals.curnode;
    // mailparser collects the body of a node that is inline and no attachment (its createNode).
    const collected = node && !node.isAttachment && node.disposition === 'inline';
    if (data.type !== 'body' || !collected || !data.value) return process(data, done);
    if (node !== part) {
      part = node;
      partLeft = MAX_TEXT_PART_BYTES;
    }
    const keep = Math.min(data.value.length, partLeft, mailLeft);
    if (keep < data.value.length) truncated = true;
    if (keep <= 0) return done();
    partLeft -= keep;
    mailLeft -= keep;
    return process(
      keep < data.value.length ? { ...data, value: data.value.subarray(0, keep) } : data,
      done,
    );
  };
  return { truncated: () => truncated };
}
