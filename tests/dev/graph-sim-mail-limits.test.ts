/**
 * Graph simulator, Outlook's limits on mailbox requests: at most 4 in flight per app and mailbox
 * (the 5th is 429 ApplicationThrottled with Retry-After: 1), every request counted in the stats
 * under its route template (how a bench counts Exchange requests per mail), and the fault knob
 * applying to mail routes as to SharePoint's.
 */
import { type MailSim, SUPPORT, mime, startMailSim } from './graph-sim-mail-kit';

let m: MailSim;

beforeEach(async () => {
  m = await startMailSim();
});

afterEach(() => m.t.close());

describe('mailbox limits', () => {
  it('when 5 requests to one mailbox overlap, then one is 429 ApplicationThrottled and the other 4 succeed', async () => {
    expect((await m.t.admin('PUT', '/_admin/mail/latency', { ms: 300 })).status).toBe(200);
    // A token first, so the five calls leave together.
    await m.g('GET', `/users/${SUPPORT}`);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => m.g('GET', `/users/${SUPPORT}/mailFolders/inbox`)),
    );
    const throttled = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(4);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]?.headers.get('retry-after')).toBe('1');
    expect((throttled[0]?.body as { error: object }).error).toMatchObject({
      code: 'ApplicationThrottled',
      message: 'Application is over its MailboxConcurrency limit.',
    });
    // Slots are freed: the next request after the burst goes through.
    expect((await m.g('GET', `/users/${SUPPORT}/mailFolders/inbox`)).status).toBe(200);
  });

  it('when mail is fetched and moved, then the stats count each Exchange request under its route', async () => {
    const id = await m.deliver(mime('Counted'));
    await m.t.admin('POST', '/_admin/stats/reset');
    await m.g('GET', `/users/${SUPPORT}/messages/${id}/$value`, {
      headers: { prefer: 'IdType="ImmutableId"' },
    });
    await m.g('POST', `/users/${SUPPORT}/messages/${id}/move`, {
      body: { destinationId: 'archive' },
      headers: { prefer: 'IdType="ImmutableId"' },
    });
    const stats = (await m.t.admin('GET', '/_admin/stats')).body as {
      byMethodAndRoute: Record<string, number>;
    };
    expect(stats.byMethodAndRoute).toEqual({
      'GET /users/{user-id}/messages/{message-id}/$value': 1,
      'POST /users/{user-id}/messages/{message-id}/move': 1,
    });
  });

  it('when the fault knob matches mail routes, then they are answered with its fault', async () => {
    await m.t.admin('PUT', '/_admin/faults', { next: 1, match: { path: '/users/' } });
    const faulted = await m.g('GET', `/users/${SUPPORT}/mailFolders`);
    expect(faulted.status).toBe(429);
    expect((await m.g('GET', `/users/${SUPPORT}/mailFolders`)).status).toBe(200);
  });

  it("when SharePoint's budget is spent, then mailbox requests are still served and charge nothing", async () => {
    const id = await m.deliver(mime('Not SharePoint'));
    // A minute of 1 RU: the first SharePoint read spends it, the second is refused.
    await m.t.admin('PUT', '/_admin/budget', { perMinute: 1, manualClock: true });
    await m.g('GET', '/sites/root');
    expect((await m.g('GET', '/sites/root')).status).toBe(429);
    const read = await m.g('GET', `/users/${SUPPORT}/messages/${id}/$value`, {
      headers: { prefer: 'IdType="ImmutableId"' },
    });
    expect(read.status).toBe(200);
    const usage = (await m.t.admin('GET', '/_admin/budget')).body as {
      usage: { charged: number }[];
    };
    // The two SharePoint reads, the refused one included; nothing for the mailbox.
    expect(usage.usage.reduce((sum, u) => sum + u.charged, 0)).toBe(2);
  });
});
