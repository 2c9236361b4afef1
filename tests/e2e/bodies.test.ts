/**
 * What agents see of a mail on the local stack: hostile HTML reaches SharePoint with every active
 * part stripped and the visible text kept; an overlong subject is cut to SharePoint's 255.
 */
import { processed } from './outcomes';
import { freshTenant, sharedHost } from './setup';
import { mail, postMail, readList } from './support';

const host = sharedHost();

describe('ticket fields from a hostile or oversized mail', () => {
  it('when the HTML carries script, handlers, javascript: links, SVG and an iframe, then they are gone and the text is kept', async () => {
    const { tenant, support } = await freshTenant();
    const html = [
      '<html><head><script>steal(document.cookie)</script></head><body>',
      '<p onclick="steal()">The printer <b>still</b> prints blank pages.</p>',
      '<img src="https://cdn.example.com/x.png" onerror="steal()" alt="photo">',
      '<a href="javascript:steal()">Click for details</a>',
      '<svg onload="steal()"><text>svg text</text></svg>',
      '<iframe src="https://evil.example/frame"></iframe>',
      '<a href="https://example.com/manual" onmouseover="steal()">Manual</a>',
      '</body></html>',
    ].join('');
    const res = await postMail(host.url, mail({ to: support, html }), support);
    expect((await processed(tenant, res.body.id)).outcome).toBe('ticket-created');

    const [ticket] = await readList(tenant, 'Tickets');
    const body = String(ticket?.fields.Body);
    expect(body).not.toMatch(/<script|steal|onerror|onclick|onload|onmouseover|javascript:/i);
    expect(body).not.toMatch(/<svg|<iframe|evil\.example/i);
    expect(body).toContain('The printer <b>still</b> prints blank pages.');
    expect(body).toContain('Click for details');
    expect(body).toContain('href="https://example.com/manual"');
    // A remote image is a link by default, not loaded in agents' browsers (issue 15, item 13).
    expect(body).not.toMatch(/<img/);
    expect(body).toContain('href="https://cdn.example.com/x.png"');
  });

  it('when the subject is 300 characters long, then the ticket Title holds its first 255', async () => {
    const { tenant, support } = await freshTenant();
    const subject = 'Printer_on_floor_3 '.repeat(16).slice(0, 300);
    expect(subject).toHaveLength(300);
    // Folded the way mail clients fold long headers (RFC 5322 §2.2.3).
    const folded = subject.replace(/(.{70}\S*) /g, '$1\r\n ');
    const res = await postMail(host.url, mail({ to: support, subject: folded }), support);
    expect((await processed(tenant, res.body.id)).outcome).toBe('ticket-created');
    const [ticket] = await readList(tenant, 'Tickets');
    expect(ticket?.fields.Title).toBe(subject.slice(0, 255));
  });
});
