/**
 * Issue 15, item 13: the sanitiser let `color:expression(...)` through (its colour pattern took
 * any letters and parentheses), and remote images loaded in agents' browsers, telling the sender
 * when and where a ticket was opened (tracking pixels).
 */
import { sanitizeMailHtml } from '../../../lib/mail/html';

describe('regression: inline styles cannot call or load anything', () => {
  it.each([
    { desc: 'expression()', style: 'color:expression(alert(document.domain))' },
    { desc: 'expression() with spaces', style: 'color: expression ( alert(1) )' },
    { desc: 'a CSS escape', style: 'color:\\65xpression(alert(1))' },
    { desc: 'url() in a colour', style: 'background-color:url(https://t.example/p.gif)' },
    { desc: 'var()', style: 'color:var(--x)' },
    { desc: 'javascript:', style: 'color:javascript:alert(1)' },
    { desc: 'behavior', style: 'behavior:url(https://t.example/x.htc)' },
    { desc: '-moz-binding', style: '-moz-binding:url(https://t.example/x.xml#x)' },
    { desc: 'background-image', style: 'background-image:url(https://t.example/p.gif)' },
    { desc: '@import', style: '@import url(https://t.example/x.css); color: red' },
  ])('when a style holds $desc, then nothing of it is kept that calls or loads', ({ style }) => {
    const out = sanitizeMailHtml(`<p style="${style}">Hello</p>`);
    expect(out).not.toMatch(/expression|url|var\(|javascript|behavior|binding|import|\\/i);
    expect(out).toContain('Hello');
  });

  it.each([
    'color:red',
    'color:#1f2e3d',
    'color:rgb(10, 20, 30)',
    'background-color:rgba(10,20,30,0.5)',
    'text-align:center',
  ])('when a style is plain presentation (%s), then it is kept', (style) => {
    expect(sanitizeMailHtml(`<p style="${style}">x</p>`)).toBe(`<p style="${style}">x</p>`);
  });
});

describe('regression: remote images do not load unless the tenant allows them', () => {
  it('when a body shows a remote image, then it becomes a link the agent may open', () => {
    const out = sanitizeMailHtml('<img src="https://t.example/p.gif?u=42" alt="logo" width="1">');
    expect(out).not.toMatch(/<img/);
    expect(out).toBe(
      '<a href="https://t.example/p.gif?u=42" title="Remote image, not loaded" ' +
        'rel="noopener noreferrer" target="_blank">[image: logo]</a>',
    );
  });

  it('when the remote image has no alt text, then the link reads [image]', () => {
    expect(sanitizeMailHtml('<img src=" HTTP://t.example/p.gif">')).toMatch(/>\[image\]<\/a>$/);
  });

  it('when the tenant allows remote images, then an https image stays an image', () => {
    const html = '<img src="https://cdn.example.com/x.png" alt="photo" />';
    expect(sanitizeMailHtml(html, { remoteImages: 'allow' })).toBe(html);
  });

  it('when an image has a relative src, then it loads nothing from the agent\u2019s own site', () => {
    expect(sanitizeMailHtml('<img src="/_layouts/15/SignOut.aspx" alt="x">')).toBe(
      '<img alt="x" />',
    );
  });

  it('when an image is a raster data: URL, then it stays', () => {
    const html = '<img src="data:image/png;base64,iVBORw0KGgo=" />';
    expect(sanitizeMailHtml(html)).toBe(html);
  });
});
