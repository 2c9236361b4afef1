import { sanitizeMailHtml } from '../../../lib/mail/html';
import { cidKey, referencedCids, rewriteCidImages } from '../../../lib/mail/inlineImages';

const URL = 'https://contoso.sharepoint.com/sites/helpdesk/Ticket%20Attachments/12/image001.png';

describe('inline images', () => {
  it.each([
    { value: '<image001.png@01D9A.5B3C>', expected: 'image001.png@01d9a.5b3c' },
    { value: 'cid:image001.png@01D9A.5B3C', expected: 'image001.png@01d9a.5b3c' },
    { value: 'cid:foo4%25foo1@bar.net', expected: 'foo4%foo1@bar.net' },
    { value: ' <a@b> ', expected: 'a@b' },
  ])('when a Content-ID reads "$value", then its key is "$expected"', ({ value, expected }) => {
    expect(cidKey(value)).toBe(expected);
  });

  it('when a body refers to images by cid:, then the references are found', () => {
    const html = '<img src="cid:one@x"><img src=\'cid:Two@X\'><p>cid:three@x)</p>';
    expect([...referencedCids(html)]).toEqual(['one@x', 'two@x', 'three@x']);
  });

  it('when a sanitised body shows an inline image, then its src points at the uploaded file', () => {
    const body = sanitizeMailHtml('<p>See</p><img src="cid:image001.png@01D9A" alt="shot">');
    const out = rewriteCidImages(body, new Map([['image001.png@01d9a', URL]]));
    expect(out).toBe(`<p>See</p><img src="${URL}" alt="shot" />`);
    // The rewritten body still passes the sanitiser unchanged: the URL form is allowed (an https
    // image is only turned into a link when it was in the mail as sent).
    expect(sanitizeMailHtml(out ?? '', { remoteImages: 'allow' })).toBe(out);
  });

  it('when the cid has no uploaded file, then nothing changes', () => {
    expect(rewriteCidImages('<img src="cid:missing@x" />', new Map([['other@x', URL]]))).toBe(
      undefined,
    );
  });

  it('when the URL is not https, then the reference is left alone', () => {
    const urls = new Map([['a@x', 'javascript:alert(1)']]);
    expect(rewriteCidImages('<img src="cid:a@x" />', urls)).toBeUndefined();
  });

  it('when the URL carries quotes, ampersands or parentheses, then they are percent-encoded', () => {
    const urls = new Map([['a@x', `https://h.example/f/a&b="2"(x)'y'.png?q=<1>#z`]]);
    expect(rewriteCidImages('<img src="cid:a@x" />', urls)).toBe(
      '<img src="https://h.example/f/a%26b%3D%222%22%28x%29%27y%27.png" />',
    );
  });

  it('when only the text mentions cid:, then only src attributes are rewritten', () => {
    const urls = new Map([['a@x', URL]]);
    expect(rewriteCidImages('<p>cid:a@x</p><a href="cid:a@x">x</a>', urls)).toBeUndefined();
  });

  it.each([
    { desc: 'javascript: in img src', html: '<img src="javascript:alert(1)">' },
    { desc: 'an SVG data URL', html: '<img src="data:image/svg+xml;base64,PHN2Zz4=">' },
    { desc: 'an HTML data URL', html: '<img src="data:text/html,<script>x</script>">' },
    { desc: 'a plain http image', html: '<img src="http://tracker.example/p.gif">' },
  ])('when a body has $desc, then the sanitiser drops the src', ({ html }) => {
    expect(sanitizeMailHtml(html)).not.toMatch(/src=/);
  });
});
