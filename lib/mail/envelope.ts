/**
 * A cheap look at the header section of a raw mail at the door, before anything is staged:
 * is it a mail at all, and which addresses could name the tenant when the relay gave no
 * envelope recipient. The full parse happens later, in the queue-triggered pipeline.
 */

// 256 KiB of headers: far above any real mail (Exchange caps headers at 256 KB too), and the
// bound keeps this look cheap on a hostile body with no blank line.
export const MAX_HEADER_BYTES = 256 * 1024;

export type HeaderCheck =
  { ok: true; fields: Map<string, string[]> } | { ok: false; reason: string };

const FIELD = /^([!-9;-~]+):(.*)$/;

export function readHeaderSection(raw: Buffer): HeaderCheck {
  const head = raw.subarray(0, MAX_HEADER_BYTES).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  if (end < 0 && raw.length > MAX_HEADER_BYTES)
    return { ok: false, reason: 'header section too large' };
  const lines = (end < 0 ? head : head.slice(0, end)).split(/\r?\n/);
  // An mbox separator line ("From sender date") may precede the headers.
  if (lines[0]?.startsWith('From ')) lines.shift();
  const fields = new Map<string, string[]>();
  let last: string | undefined;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      const values = fields.get(last) ?? [];
      values[values.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const m = FIELD.exec(line);
    if (!m || !m[1]) return { ok: false, reason: 'not a mail: malformed header section' };
    last = m[1].toLowerCase();
    fields.set(last, [...(fields.get(last) ?? []), (m[2] ?? '').trim()]);
  }
  if (!fields.has('from')) return { ok: false, reason: 'not a mail: no From header' };
  return { ok: true, fields };
}

// Each candidate costs a tenant lookup; a header listing thousands of addresses must not cost
// thousands. The relay's own evidence comes first, and a relay that passes `recipient` needs none.
export const MAX_CANDIDATES = 50;

/** Addresses that may name the support mailbox, in the order a relay's evidence is trusted. */
export function candidateRecipients(fields: Map<string, string[]>): string[] {
  const found = new Set<string>();
  for (const name of ['delivered-to', 'x-original-to', 'to', 'cc']) {
    for (const value of fields.get(name) ?? []) {
      for (const address of value.match(/[^\s<>"',;:()[\]]+@[^\s<>"',;:()[\]]+/g) ?? []) {
        found.add(address.toLowerCase());
        if (found.size >= MAX_CANDIDATES) return [...found];
      }
    }
  }
  return [...found];
}
