/**
 * Reading and rewriting one MIME header section as bytes, for the framing repair (mimeRepair.ts).
 * Header bytes are handled as Latin-1 text, one character a byte, so offsets stay byte offsets.
 */

export interface PartHead {
  /** Lower-cased type, '' when the part declares none. */
  type: string;
  boundary: string | undefined;
  charset: string | undefined;
  encoding: string;
  disposition: string;
  filename: boolean;
  /** Where `boundary=` follows the type without the `;` RFC 2045 §5.1 requires: the offset. */
  missingSemicolon: number | undefined;
}

/** The span of the first field named `name`, folded lines included (RFC 5322 §2.2.3). */
export function fieldSpan(head: string, name: string): { start: number; end: number } | undefined {
  const m = new RegExp(`(^|\\n)${name}[ \\t]*:[^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*`, 'i').exec(
    head,
  );
  if (!m) return undefined;
  const start = m.index + (m[1] ?? '').length;
  return { start, end: m.index + m[0].length };
}

function field(head: string, name: string): string {
  const span = fieldSpan(head, name);
  if (!span) return '';
  const text = head.slice(span.start, span.end);
  return text.slice(text.indexOf(':') + 1).replace(/\r?\n[ \t]/g, ' ');
}

const param = (value: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|[;\\s])${name}\\*?\\s*=\\s*(?:"([^"]*)"|([^\\s;]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
};

export function readHead(head: string): PartHead {
  const contentType = field(head, 'content-type');
  const type = /^\s*([\w.+-]+\/[\w.+-]+)/.exec(contentType)?.[1]?.toLowerCase() ?? '';
  const dispositionValue = field(head, 'content-disposition');
  const span = fieldSpan(head, 'content-type');
  const glued = /^(\s*multipart\/[\w.+-]+)(\s+)boundary\s*=/i.exec(contentType);
  const colon = span ? head.indexOf(':', span.start) + 1 : 0;
  return {
    type,
    boundary: type.startsWith('multipart/') ? param(contentType, 'boundary') : undefined,
    charset: param(contentType, 'charset'),
    encoding: field(head, 'content-transfer-encoding').trim().toLowerCase(),
    disposition: /^\s*([\w-]*)/.exec(dispositionValue)?.[1]?.toLowerCase() ?? '',
    filename: param(dispositionValue, 'filename') !== undefined || !!param(contentType, 'name'),
    missingSemicolon: glued && span ? colon + (glued[1] ?? '').length : undefined,
  };
}

/** The header section with its charset set to `charset` (RFC 2046 §4.1.2). */
export function withCharset(head: string, charset: string): string {
  const span = fieldSpan(head, 'content-type');
  if (!span) return `Content-Type: text/plain; charset=${charset}\r\n${head}`;
  const value = head.slice(span.start, span.end);
  const replaced = /;\s*charset\s*=\s*("[^"]*"|[^\s;]*)/i.test(value)
    ? value.replace(/(;\s*charset\s*=\s*)("[^"]*"|[^\s;]*)/i, `$1${charset}`)
    : `${value.replace(/[\s;]+$/, '')}; charset=${charset}`;
  return head.slice(0, span.start) + replaced + head.slice(span.end);
}

/** The header section of a part made an attachment, for the copy kept as a file. */
export function asAttachment(head: string): string {
  const span = fieldSpan(head, 'content-disposition');
  if (!span) return `${head.replace(/(\r?\n)*$/, '')}\r\nContent-Disposition: attachment\r\n`;
  const value = head.slice(span.start, span.end).replace(/:(\s*)inline\b/i, ':$1attachment');
  const disposed = /:\s*attachment\b/i.test(value)
    ? value
    : value.replace(/:\s*/, ': attachment; ').replace(/;\s*;/, ';');
  return head.slice(0, span.start) + disposed + head.slice(span.end);
}
