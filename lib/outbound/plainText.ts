/**
 * The plain-text alternative of an outgoing HTML body. Our HTML is known (a template and a
 * comment written in SharePoint, both already safe), so a small conversion is enough: block ends
 * and <br> become line breaks, list items a dash, links keep their address, every other tag goes,
 * and the common entities are decoded. A full HTML-to-text library is not a dependency of ours
 * (mailparser's copy is its own), and a mail reader shows the HTML part anyway.
 */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const hex = name[1] === 'x' || name[1] === 'X';
      const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    // Source line breaks are not breaks in HTML.
    .replace(/\s*\n\s*/g, ' ')
    .replace(
      /<a\b[^>]*\bhref\s*=\s*"(https?:[^"]*|mailto:[^"]*)"[^>]*>([^<]*)<\/a\s*>/gi,
      (_m, href: string, label: string) =>
        label.trim() && label.trim() !== href ? `${label} (${href})` : href,
    )
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(p|div|h[1-6]|blockquote|tr|table|ul|ol|pre)\s*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
