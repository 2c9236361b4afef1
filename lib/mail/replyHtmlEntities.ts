/**
 * Character references in reply HTML's text, for the reply cutters: the few that mail uses
 * between the words the cutters look for (spaces, brackets around addresses, direction marks),
 * decoded with a map back from a column of the decoded text to the raw HTML. Pure.
 */
const ENTITY = /&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]{2,8}));/gi;
const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  lrm: '',
  rlm: '',
  zwsp: '',
  shy: '',
};

function entity(whole: string, dec?: string, hex?: string, name?: string): string {
  if (name) return NAMED[name.toLowerCase()] ?? whole;
  const code = dec ? Number(dec) : parseInt(hex ?? '', 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

/** Text of an HTML text run: entities decoded (line ends stay: the text rules read them as space). */
export function decodeText(raw: string): string {
  return raw.includes('&') ? raw.replace(ENTITY, entity) : raw;
}

/** Where in the raw text run `raw` its decoded text reaches `column`. */
export function rawOffset(raw: string, column: number): number {
  let decoded = 0;
  let last = 0;
  ENTITY.lastIndex = 0;
  for (let m = ENTITY.exec(raw); m; m = ENTITY.exec(raw)) {
    if (decoded + (m.index - last) >= column) break;
    decoded += m.index - last + entity(m[0], m[1], m[2], m[3]).length;
    last = m.index + m[0].length;
    if (decoded >= column) return last;
  }
  return last + (column - decoded);
}
