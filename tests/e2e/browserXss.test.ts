/**
 * Hostile mail in a real browser: every payload goes through the running stack (door, queue,
 * pipeline, Graph simulator), and each stored ticket is then shown in headless Chromium on a
 * stand-in SharePoint page that puts Body in with innerHTML and Title as text. No dialog may open,
 * no script may run (the canary global stays unset), no request may leave for another origin, and
 * nothing that can run or load may be left in the DOM.
 *
 * Needs Debian's chromium at /usr/bin/chromium (`.ci/run` installs it); fails, never skips,
 * without it.
 */
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { promisify } from 'node:util';

import { Browser, type Rendering, startSharePointPage } from './browserPage';
import { CID_BREAKOUT, HELPDESK_HISTORY, OWN, type Payload } from './browserPayloads';
import { mimeMail } from './library';
import { processed } from './outcomes';
import { freshTenant, sharedHost } from './setup';
import { mail, postMail, readList, settings } from './support';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

let browser: Browser | undefined;
const host = sharedHost();
let page: Server | undefined;

beforeAll(async () => {
  browser = await Browser.launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  page?.close();
});

/** Posts each payload as its own mail from its own sender (the burst limit is per sender). */
async function send(support: string, payloads: readonly Payload[]): Promise<unknown[]> {
  return Promise.all(
    payloads.map(async (p, i) => {
      const from = `Sender ${i} <sender${i}@example.com>`;
      const subject = `#${i} ${p.subject ?? p.name}`;
      const raw =
        p === CID_BREAKOUT_PAYLOAD
          ? mimeMail({
              to: support,
              from,
              subject,
              html: CID_BREAKOUT.html,
              parts: [
                {
                  type: 'image/png',
                  name: CID_BREAKOUT.fileName,
                  cid: CID_BREAKOUT.cid,
                  data: PNG,
                },
              ],
            })
          : mail({ to: support, from, subject, html: p.html ?? '<p>Hello</p>' });
      const res = await postMail(host.url, raw, support);
      expect(res.status).toBe(202);
      return res.body.id;
    }),
  );
}

const CID_BREAKOUT_PAYLOAD: Payload = { name: CID_BREAKOUT.name, html: CID_BREAKOUT.html };

/** What a rendering did that it must not: empty when the ticket is harmless. */
function harm(r: Rendering, storedTitle: string): string[] {
  return [
    ...r.dialogs.map((d) => `dialog: ${d}`),
    ...(r.canary === undefined ? [] : [`script ran: __xss=${String(r.canary)}`]),
    ...r.foreign.map((u) => `request left for ${u}`),
    ...r.navigations.map((u) => `navigated to ${u}`),
    ...r.active.map((a) => `left in the DOM: ${a}`),
    ...(r.title.elements === 0 && r.title.text === storedTitle ? [] : ['title is not plain text']),
    ...(BIDI.test(storedTitle) ? ['title keeps a bidirectional control'] : []),
  ];
}

describe('hostile mail rendered in a real browser', () => {
  it('when the helpdesk XSS payloads and ours become tickets, then showing them runs nothing and loads nothing from elsewhere', async () => {
    const { tenant, support } = await freshTenant();
    const payloads = [...HELPDESK_HISTORY, ...OWN, CID_BREAKOUT_PAYLOAD];
    const ids = await send(support, payloads);
    for (const id of ids) expect((await processed(tenant, id)).outcome).toBe('ticket-created');

    const tickets = await readList(tenant, 'Tickets');
    expect(tickets).toHaveLength(payloads.length);
    const items = payloads.map((_, i) => {
      const ticket = tickets.find((t) => String(t.fields.Title).startsWith(`#${i} `));
      return { title: String(ticket?.fields.Title), body: String(ticket?.fields.Body) };
    });
    // The break-out mail went through the cid: rewrite: its image points at the uploaded file.
    const cidBody = items[payloads.indexOf(CID_BREAKOUT_PAYLOAD)]?.body ?? '';
    expect(cidBody).toMatch(new RegExp(`<img [^>]*src="https://${tenant.domain}/`));

    page = await startSharePointPage(items);
    const origin = new URL(tenant.siteUrl).origin;
    const found: Record<string, string[]> = {};
    for (const [i, p] of payloads.entries()) {
      const rendering = await (browser as Browser).render(origin, page, i);
      const problems = harm(rendering, items[i]?.title ?? '');
      if (problems.length > 0) found[p.name] = problems;
    }
    expect(found).toEqual({});
  }, 300_000);

  it('when a tenant allows remote images (npm run tenant -- set), then an https image is shown as sent', async () => {
    const { tenant, support } = await freshTenant();
    // The operator's command, against the test stack's Cosmos (the environment overrides the
    // settings file).
    const cli = [
      require.resolve('tsx/cli'),
      'dev/tenant.ts',
      'set',
      tenant.alias ?? '',
      'remote-images',
      'allow',
    ];
    const { stdout } = await promisify(execFile)(process.execPath, cli, {
      env: { ...process.env, ...settings() },
    });
    expect(JSON.parse(stdout)).toEqual({ domain: tenant.domain, 'remote-images': 'allow' });

    const html = '<p>Logo:</p><img src="https://t.example/logo.png" alt="logo">';
    const res = await postMail(host.url, mail({ to: support, subject: '#0 logo', html }), support);
    expect((await processed(tenant, res.body.id)).outcome).toBe('ticket-created');
    const [ticket] = await readList(tenant, 'Tickets');
    const item = { title: String(ticket?.fields.Title), body: String(ticket?.fields.Body) };
    expect(item.body).toContain('<img src="https://t.example/logo.png" alt="logo" />');

    page?.close();
    page = await startSharePointPage([item]);
    const rendering = await (browser as Browser).render(new URL(tenant.siteUrl).origin, page, 0);
    // The browser asks for the image (the test's route stops it before it leaves), and only that.
    expect(rendering.foreign).toEqual(['https://t.example/logo.png']);
    expect(harm({ ...rendering, foreign: [] }, item.title)).toEqual([]);
  }, 120_000);
});
