/**
 * Issue 15, item 6: the `cid:` rewrite ran on the sanitised text with a pattern, not on parsed
 * attributes. A `src='cid:x'` inside another attribute's value was rewritten too, and the quotes
 * it wrote closed that attribute: with an inline file named `onload=alert(document.domain)+''+`
 * (SharePoint's webUrl keeps `=`, `'`, `(`, `)` and `+` as they are) the stored img carried an
 * onload handler.
 */
import { Parser } from 'htmlparser2';

import { sanitizeMailHtml } from '../../../lib/mail/html';
import { rewriteCidImages } from '../../../lib/mail/inlineImages';

const FOLDER = 'https://contoso.sharepoint.com/sites/helpdesk/Ticket%20Attachments/12';
const HOSTILE_URL = `${FOLDER}/onload=alert(document.domain)+''+`;

/** Every tag with its attribute names and values, as a browser's parser reads them. */
function tags(html: string): Array<{ name: string; attribs: Record<string, string> }> {
  const found: Array<{ name: string; attribs: Record<string, string> }> = [];
  const parser = new Parser({ onopentag: (name, attribs) => found.push({ name, attribs }) });
  parser.write(html);
  parser.end();
  return found;
}

describe('regression: the cid: rewrite cannot break out of an attribute', () => {
  it("when an alt text holds src='cid:x' and the file name is an onload handler, then the img gets no handler", () => {
    const body = sanitizeMailHtml(`<img alt=" src='cid:x'" src="cid:x">`);
    const out = rewriteCidImages(body, new Map([['x', HOSTILE_URL]])) ?? body;
    const [img, ...rest] = tags(out);
    expect(rest).toEqual([]);
    expect(Object.keys(img?.attribs ?? {}).sort()).toEqual(['alt', 'src']);
    expect(img?.attribs.alt).toBe(" src='cid:x'");
    expect(img?.attribs.src).toMatch(/^https:\/\/contoso\.sharepoint\.com\//);
    // The URL is fully encoded: nothing in it reads as markup or script.
    expect(img?.attribs.src).not.toMatch(/[=()'+"<>\s]/);
    expect(sanitizeMailHtml(out, { remoteImages: 'allow' })).toBe(out);
  });

  it('when the cid: reference sits only inside an alt text, then the alt text stays as sent', () => {
    const body = sanitizeMailHtml(`<img alt="x src='cid:x' y">`);
    const out = rewriteCidImages(body, new Map([['x', `${FOLDER}/a.png`]])) ?? body;
    expect(tags(out)).toEqual([{ name: 'img', attribs: { alt: "x src='cid:x' y" } }]);
  });
});
