/**
 * A real browser for the XSS test: Debian's chromium driven by playwright-core, showing stored
 * tickets on a stand-in SharePoint page. The page is served by a local http server and appears at
 * the tenant's SharePoint origin through route interception; it reads the item from that origin
 * and puts Body in with innerHTML, as SharePoint's rich text field does, and Title as text.
 *
 * Every request the page makes is recorded; only the page's own origin is answered, anything else
 * is aborted inside the browser, and the browser resolves no host names at all, so nothing leaves
 * the machine whatever a body asks for.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // No DNS for any name: a request the route below did not stop could not reach anything.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

// The page's own script; the canary `__xss` is what hostile bodies try to set.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Ticket</title></head>
<body><h1 id="title"></h1><div id="body" class="ms-rtestate-field"></div>
<script>
fetch('item.json' + location.search).then((r) => r.json()).then((item) => {
  document.getElementById('title').textContent = item.title;
  document.getElementById('body').innerHTML = item.body;
  window.__rendered = true;
});
</script></body></html>`;

export interface StoredItem {
  title: string;
  body: string;
}

/** The local server behind the stand-in origin: the page, and each item as JSON by ?ID=. */
export async function startSharePointPage(items: readonly StoredItem[]): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://page');
    const item = items[Number(url.searchParams.get('ID'))];
    if (url.pathname.endsWith('/DispForm.aspx')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    } else if (url.pathname.endsWith('/item.json') && item) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(item));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export interface Rendering {
  dialogs: string[];
  /** Every request the page made to another origin than its own (all aborted). */
  foreign: string[];
  /** Frame navigations after the page itself (meta refresh, location changes). */
  navigations: string[];
  canary: unknown;
  /** What the DOM holds that the sanitiser should have removed. */
  active: string[];
  title: { text: string; elements: number };
}

// Evaluated in the page after rendering (a string: this file is compiled without DOM types):
// elements and attributes in the body that can run script or load anything.
const ACTIVE_CONTENT = `(() => {
  const found = [];
  const banned = /^(script|style|iframe|frame|frameset|object|embed|applet|form|input|button|base|meta|link|svg|math|template|audio|video|source|picture|track|portal)$/i;
  for (const el of document.querySelectorAll('#body *')) {
    if (banned.test(el.localName)) found.push('<' + el.localName + '>');
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (/^on|^(srcset|background|formaction|action|xlink:href|poster|data|srcdoc)$/.test(name)) {
        found.push(el.localName + '[' + name + ']');
      }
      if (name === 'style' && /url|expression|behavior|binding|import|\\\\/i.test(attr.value)) {
        found.push(el.localName + '[style=' + attr.value + ']');
      }
    }
    if (el.localName === 'a' && el.hasAttribute('href')
        && !['http:', 'https:', 'mailto:', 'tel:'].includes(el.protocol)) {
      found.push('a[href=' + el.protocol + ']');
    }
    if (el.localName === 'img' && el.hasAttribute('src')
        && !/^(https:|data:image\\/(png|gif|jpe?g|webp|bmp);)/i.test(el.src)) {
      found.push('img[src=' + el.src.slice(0, 40) + ']');
    }
  }
  return found;
})()`;

const TITLE = `(() => {
  const h1 = document.getElementById('title');
  return { text: h1 ? h1.textContent : '', elements: h1 ? h1.children.length : -1 };
})()`;

export class Browser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  /** Fails with what to install when Debian's chromium is missing: this test never skips. */
  static async launch(): Promise<Browser> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: the browser XSS test needs Debian's chromium (apt-get install -y chromium)`,
      );
    }
    const profile = mkdtempSync(join(tmpdir(), 'helpdesk-xss-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: LAUNCH_ARGS,
    });
    return new Browser(context, profile);
  }

  /** Opens item `id` at `origin` (served by `server`), waits for its handlers, reports. */
  async render(origin: string, server: Server, id: number): Promise<Rendering> {
    const page = await this.context.newPage();
    const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const out: Rendering = {
      dialogs: [],
      foreign: [],
      navigations: [],
      canary: undefined,
      active: [],
      title: { text: '', elements: 0 },
    };
    page.on('dialog', (dialog) => {
      out.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (req) => {
      if (new URL(req.url()).origin !== origin) out.foreign.push(req.url());
    });
    page.on('popup', (popup) => out.navigations.push(`popup ${popup.url()}`));
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== origin) return route.abort('blockedbyclient');
      const res = await fetch(`${local}${url.pathname}${url.search}`);
      return route.fulfill({
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: Buffer.from(await res.arrayBuffer()),
      });
    });
    const start = `${origin}/sites/helpdesk/Lists/Tickets/DispForm.aspx?ID=${id}`;
    page.on('framenavigated', (frame) => {
      if (frame.url() !== start) out.navigations.push(frame.url());
    });
    try {
      await page.goto(start);
      await page.waitForFunction('window.__rendered === true');
      // Time for error and load handlers, animations (onbegin) and a 0 s refresh to fire.
      await page.waitForTimeout(750);
      out.canary = await page.evaluate('window.__xss');
      out.active = await page.evaluate<string[]>(ACTIVE_CONTENT);
      out.title = await page.evaluate<Rendering['title']>(TITLE);
    } finally {
      await page.close();
    }
    return out;
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
