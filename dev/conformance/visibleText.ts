/**
 * The visible text of a body, to compare bodies produced by different sanitisers: tags removed
 * (block boundaries become spaces, inline ones nothing), entities decoded, whitespace collapsed.
 * Uses sanitize-html (a dependency already) with nothing allowed: it decodes every entity and
 * drops style and script with their content; it re-escapes only the four below. A <title> keeps
 * its text, as Zammad's sanitiser keeps it.
 */
import sanitizeHtml from 'sanitize-html';

const BLOCK =
  /<(?=\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|tr|td|th|table|tbody|thead|h[1-6]|blockquote|pre|center|title|body|html)\b)/gi;
// HTML 4 mapped &lang;/&rang; to U+2329/U+232A, HTML 5 (and browsers) to U+27E8/U+27E9.
const HTML4_ANGLES: Record<string, string> = { '\u2329': '\u27e8', '\u232a': '\u27e9' };

const ESCAPED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

export function visibleHtmlText(html: string): string {
  const spaced = html.replace(BLOCK, ' <');
  const text = sanitizeHtml(spaced, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['style', 'script', 'textarea', 'noscript'],
  });
  return collapse(text.replace(/&(amp|lt|gt|quot);/g, (m) => ESCAPED[m] ?? m));
}

export function collapse(text: string): string {
  // \s covers NBSP and the other Unicode spaces; zero-width characters are invisible too.
  return text
    .replace(/[\u2329\u232a]/g, (c) => HTML4_ANGLES[c] ?? c)
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
