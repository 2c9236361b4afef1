/**
 * The tags of reply HTML in one linear pass, for the reply cutters: a tag scanner, not a parser.
 * Comments and the content of raw-text elements (style, script) are skipped whole, and the
 * elements open at a position are tracked on a stack that closes what stays open at a cut.
 */

// An unquoted attribute stops at '<' too: otherwise each '<x' never closed would scan to the end
// of the HTML, and a body of them would cost time quadratic in its size. The name is read whole
// (the lookahead): else a '<' before a long run of letters, never closed, was tried with every
// split of the run into name and attributes, 100,000 letters in over 10 s.
const TAG = /<!--|<(\/?)([a-zA-Z][\w:-]*)(?![\w:-])((?:[^<>"']|"[^"]*"|'[^']*')*)>/g;
const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
// Real mail nests far less; deeper HTML is hostile and is left uncut rather than scanned at
// a cost that grows with depth on every closing tag.
const MAX_OPEN_ELEMENTS = 1000;

export interface Tag {
  /** Lower case; '!--' for a comment. */
  name: string;
  index: number;
  /** Where the text after it starts: past a comment's end, or a raw-text element's content. */
  end: number;
  closing: boolean;
  attrs: string;
  /** Void, self-closed, raw text or a comment: never on the stack. */
  empty: boolean;
}

/**
 * Calls `visit` with each tag in order, until it returns false. The tag object is reused from
 * call to call (a body of a million tags allocates one): read it, do not keep it.
 */
export function eachTag(html: string, visit: (tag: Tag) => boolean | void): void {
  const re = new RegExp(TAG.source, 'g');
  const tag: Tag = { name: '', index: 0, end: 0, closing: false, attrs: '', empty: false };
  let lower: string | undefined; // lower-cased once, when a raw-text element needs it
  for (let m = re.exec(html); m; m = re.exec(html)) {
    tag.index = m.index;
    if (m[0] === '<!--') {
      // A comment runs to its end, or to the end of the HTML: one search, not one per '<!--'.
      const close = html.indexOf('-->', re.lastIndex);
      re.lastIndex = close < 0 ? html.length : close + 3;
      tag.name = '!--';
      tag.closing = false;
      tag.attrs = '';
      tag.empty = true;
    } else {
      const name = (m[2] ?? '').toLowerCase();
      tag.name = name;
      tag.closing = !!m[1];
      tag.attrs = m[3] ?? '';
      const raw = !tag.closing && RAW_TEXT.has(name);
      if (raw) {
        lower ??= html.toLowerCase();
        const close = lower.indexOf(`</${name}`, re.lastIndex);
        re.lastIndex = close < 0 ? html.length : close;
      }
      tag.empty = raw || VOID.has(name) || m[0].endsWith('/>');
    }
    tag.end = re.lastIndex;
    if (visit(tag) === false) return;
  }
}

export interface Open {
  name: string;
  start: number;
}

/** The elements open at the scanner's position, innermost last. */
export class OpenElements {
  private readonly stack: Open[] = [];
  // Open elements by name: a closing tag for nothing open costs nothing, not a scan of the stack.
  private readonly byName = new Map<string, number>();

  /** Pushes an opening tag; false when the HTML nests deeper than mail does. */
  push(open: Open): boolean {
    this.byName.set(open.name, (this.byName.get(open.name) ?? 0) + 1);
    return this.stack.push(open) <= MAX_OPEN_ELEMENTS;
  }

  /** Closes the innermost open `name` and what is open inside it; the closed element, if any. */
  close(name: string): Open | undefined {
    if (!this.byName.get(name)) return undefined;
    let i = this.stack.length - 1;
    while (this.stack[i]?.name !== name) i--;
    // Each element is popped once, so the scan down to it is paid for by its push.
    const popped = this.stack.splice(i);
    for (const o of popped) this.byName.set(o.name, (this.byName.get(o.name) ?? 1) - 1);
    return popped[0];
  }

  /** Closing tags for every open element, innermost first, but the `skip` innermost. */
  closingTags(skip = 0): string {
    return this.stack
      .slice(0, this.stack.length - skip)
      .reverse()
      .map((o) => `</${o.name}>`)
      .join('');
  }
}

/** `html` up to `at`, with what is open there closed; undefined when it nests too deep. */
export function closedAt(html: string, at: number): string | undefined {
  const open = new OpenElements();
  let deep = false;
  eachTag(html, (tag) => {
    if (tag.index >= at) return false;
    if (tag.closing) open.close(tag.name);
    else if (!tag.empty) deep = !open.push({ name: tag.name, start: tag.index });
    return !deep;
  });
  return deep ? undefined : html.slice(0, at) + open.closingTags();
}
