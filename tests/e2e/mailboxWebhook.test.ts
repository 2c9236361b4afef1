/**
 * The two URLs Graph calls for a connected mailbox, as Graph and a stranger meet them: the
 * validation handshake answered with the token as plain text, and anything that is not a
 * notification refused with a short JSON error, never a stack.
 */
import { sharedHost } from './setup';

const host = sharedHost();

const post = (path: string, body: string | Buffer, query = '') =>
  fetch(`${host.url}/api/mailbox/${path}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('mailbox webhooks', () => {
  it.each(['notify', 'lifecycle'])(
    'when Graph validates the %s URL, then the token comes back as plain text',
    async (path) => {
      const res = await post(path, '', '?validationToken=Validation%3A%20Testing%20client');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('Validation: Testing client');
    },
  );

  it('when the body is not JSON, too large or not a notification, then 400 or 413 with a short JSON error', async () => {
    const answers = await Promise.all([
      post('notify', 'not json'),
      post('notify', Buffer.alloc(2 * 1024 * 1024, 0x20)),
      post('lifecycle', JSON.stringify({ hello: 'world' })),
    ]);
    expect(answers.map((r) => r.status)).toEqual([400, 413, 400]);
    for (const res of answers) {
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: expect.any(String) });
      expect(text).not.toMatch(/\bat \w|\.ts:\d/);
    }
  });

  it('when a notification names a subscription that is not ours, then it is accepted and ignored', async () => {
    const forged = {
      value: [
        {
          subscriptionId: '00000000-0000-0000-0000-000000000000',
          clientState: 'guess',
          changeType: 'created',
          resource: "Users('x')/Messages('y')",
          resourceData: { id: 'y' },
          tenantId: '00000000-0000-0000-0000-000000000001',
        },
      ],
    };
    expect((await post('notify', JSON.stringify(forged))).status).toBe(202);
  });
});
