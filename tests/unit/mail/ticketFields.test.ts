import { commentBody, ticketBody, ticketTitle } from '../../../lib/mail/ticketFields';
import { MAX_RICH_TEXT as MAX_BODY, MAX_TEXT as MAX_TITLE } from '../../../lib/sharepoint/schema';

describe('ticketTitle', () => {
  it('when the subject has 300 characters, then the title keeps the first 255', () => {
    const subject = 'x'.repeat(300);
    expect(ticketTitle(subject)).toBe('x'.repeat(MAX_TITLE));
  });
  it('when the cut falls inside an emoji, then the emoji is dropped whole, never split', () => {
    const title = ticketTitle(`${'a'.repeat(254)}😀tail`);
    expect(title).toBe('a'.repeat(254));
  });
  it('when the subject is empty or only whitespace, then the title says so', () => {
    expect(ticketTitle('  \t ')).toBe('(no subject)');
  });
  it('when the subject holds line breaks and control characters, then they become spaces', () => {
    expect(ticketTitle('Printer\r\n broken\u0007 again')).toBe('Printer broken again');
  });
});

describe('ticketBody', () => {
  it('when the mail is plain text, then it is escaped with its line breaks kept', () => {
    expect(ticketBody({ text: 'a <b> & c\nline 2\n\npara', html: undefined })).toBe(
      '<p>a &lt;b&gt; &amp; c<br>line 2</p><p>para</p>',
    );
  });
  it('when the HTML is hostile, then scripts, handlers, javascript: links, SVG and iframes are gone and the text stays', () => {
    const html =
      '<p onclick="x()">Hello <b>agent</b></p><script>alert(1)</script><img src="x" onerror="alert(2)">' +
      '<a href="javascript:alert(3)">click</a><svg onload="alert(4)"><text>svg</text></svg>' +
      '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input></form>';
    const body = ticketBody({ html, text: undefined });
    expect(body).toContain('Hello <b>agent</b>');
    expect(body).toContain('click');
    expect(body).not.toMatch(/script|onerror|onclick|onload|javascript:|<svg|<iframe|<form|alert/i);
  });
  it('when an image is a data: SVG, then its source is dropped; a data: PNG stays', () => {
    const body = ticketBody({
      html: '<img src="data:image/svg+xml;base64,PHN2Zz4="><img src="data:image/png;base64,iVBO">',
      text: undefined,
    });
    expect(body).not.toContain('svg+xml');
    expect(body).toContain('data:image/png;base64,iVBO');
  });
  it('when a data: URL hides behind leading spaces or controls, then it is judged as a browser reads it', () => {
    const body = ticketBody({
      html: '<img src=" data:text/html;base64,PGI+"><img src="&#9;data:image/svg+xml;base64,PHN2Zz4=">',
      text: undefined,
    });
    expect(body).not.toMatch(/text\/html|svg\+xml/);
  });
  it('when the body is longer than a list column holds, then it is cut to fit with a visible note', () => {
    const body = ticketBody({
      html: `<div>${'<p>word word word</p>'.repeat(10_000)}</div>`,
      text: undefined,
    });
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body).toContain('[Message truncated');
  });
});

describe('a plain-text body longer than a ticket holds', () => {
  const long = 'word '.repeat(40_000);
  it('when it is a ticket, then its beginning is kept with the note', () => {
    const body = ticketBody({ text: `Hello\n${long}`, html: undefined });
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body).toMatch(/^<p>Hello<br ?\/?>word word/);
    expect(body).toContain('[Message truncated');
  });
  it('when a reply quotes a long history, then the reply is kept without the note', () => {
    const text = `Thanks, fixed.\n\nOn Mon, 2 Mar 2020 at 10:01, Support <support@contoso.com> wrote:\n> ${long}`;
    expect(commentBody({ text, html: undefined })).toBe('<p>Thanks, fixed.</p>');
  });
  it('when a reply itself runs past the cap, then it is cut with the note', () => {
    const body = commentBody({ text: `Thanks\n${long}`, html: undefined });
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body).toContain('[Message truncated');
  });
});

describe('a body the parser kept only the beginning of', () => {
  it('when what is left is short, then the ticket still says it is cut', () => {
    const body = ticketBody({
      html: '<p>See:</p><img src="data:ima',
      text: undefined,
      bodyTruncated: true,
    });
    expect(body).toContain('See:');
    expect(body).toContain('[Message truncated');
  });
  it('when a reply is cut before the end, then no note is added', () => {
    const html = '<p>Thanks</p><div id="divRplyFwdMsg"><b>From:</b> Support</div><p>old';
    expect(commentBody({ html, text: undefined, bodyTruncated: true })).toBe('<p>Thanks</p>');
  });
});
