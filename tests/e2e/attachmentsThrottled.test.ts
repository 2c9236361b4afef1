/**
 * Files under throttling on the local stack: SharePoint throttles a share of the requests (batch
 * requests one by one, upload fragments too), and every mail still ends as one ticket with all
 * its files byte-identical and its original.eml.
 */
import { randomBytes } from 'node:crypto';

import { startHost } from '../support/stack';
import { faultsAnswered, throttle } from './faults';
import { download, folderItems, mimeMail } from './library';
import { freshTenant } from './setup';
import { eventually, postMail, readList, simAdmin, ticketsWhen } from './support';

afterEach(async () => {
  await simAdmin('faults', { rate: 0 });
});

it('when SharePoint throttles a quarter of the file uploads, then every mail still has exactly one ticket and all its files', async () => {
  const { tenant, support: address } = await freshTenant();
  const host = await startHost();
  const mails = Array.from({ length: 4 }, (_, i) => ({
    subject: `Throttled files ${i}`,
    parts: [
      { type: 'text/plain', name: 'a.txt', data: randomBytes(3000) },
      { type: 'text/plain', name: 'b.txt', data: randomBytes(3000) },
      { type: 'application/zip', name: 'big.zip', data: randomBytes(i === 0 ? 5_500_000 : 100) },
    ],
  }));
  // Bounded by construction (faults.ts): the host interleaves the mails and their files, but no
  // mail can meet enough faults to be lost, so the outcome does not depend on where they land.
  await throttle({ rate: 0.25, method: 'PUT', retryAfterSeconds: 0.1 });
  for (const m of mails) {
    const raw = mimeMail({ to: address, subject: m.subject, parts: m.parts });
    expect((await postMail(host.url, raw, address)).status).toBe(202);
  }
  await ticketsWhen(tenant, mails.length, 120_000);
  for (const m of mails) {
    const ticket = (await readList(tenant, 'Tickets')).find((t) => t.fields.Title === m.subject);
    const names = await eventually(async () => {
      const items = (await folderItems(tenant, ticket?.id ?? '')).map((f) => f.name).sort();
      return items.length === 4 ? items : undefined;
    }, 120_000);
    expect(names).toEqual(['a.txt', 'b.txt', 'big.zip', 'original.eml']);
    // Mail 0's files alone are 5 PUTs (3 in a $batch, 2 fragments of big.zip): every 4th failed.
    if (m === mails[0]) expect(await faultsAnswered()).toBeGreaterThan(0);
    await simAdmin('faults', { rate: 0 });
    for (const part of m.parts) {
      expect((await download(tenant, `${ticket?.id}/${part.name}`)).equals(part.data)).toBe(true);
    }
  }
  expect(await readList(tenant, 'Tickets')).toHaveLength(mails.length);
  await host.stop();
}, 300_000);
