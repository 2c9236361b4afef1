/**
 * Mailgun's raw-MIME forward onto the shared acceptance: the signature (HMAC-SHA256 of timestamp
 * and token), its age, replayed tokens, and Mailgun's answers (200 taken, 406 refused for good,
 * anything else retried).
 */
import { MAX_AGE_SECONDS } from '../../../lib/relays/mailgun';
import { TS, mime, postMailgun as post, relayDeps, token } from './support';

describe('the Mailgun door', () => {
  it.each(['urlencoded', 'multipart'] as const)(
    'when Mailgun posts a signed %s mail, then it is staged byte for byte with the mailgun door and answered 200',
    async (encoding) => {
      const deps = relayDeps();
      const raw = mime(['X-Mailgun-Sflag: No'], 'Grüße +%& caf\u00e9');
      const answer = await post(deps, { raw }, encoding);
      expect(answer).toEqual({ status: 200, body: { id: 'm1' } });
      expect(deps.staged[0]?.raw.equals(raw)).toBe(true);
      expect(deps.staged[0]?.extra).toEqual({ door: { kind: 'mailgun' } });
    },
  );

  it('when the recipient is not a support address, then it is refused for good (406), not by its headers', async () => {
    const deps = relayDeps();
    const answer = await post(deps, { recipient: 'nobody@else.example' });
    expect(answer.status).toBe(406);
    expect(deps.staged).toHaveLength(0);
  });

  it.each([
    {
      desc: 'no signature fields',
      fields: { timestamp: '', token: '', signature: '' },
      reason: 'no-signature',
    },
    {
      desc: 'a signature under another key',
      fields: { key: 'key-other' },
      reason: 'bad-signature',
    },
    {
      desc: 'a signature that is not hex',
      fields: { signature: 'z'.repeat(64) },
      reason: 'bad-signature',
    },
    { desc: 'a short signature', fields: { signature: 'ab' }, reason: 'bad-signature' },
    {
      desc: 'a timestamp a second past the 8 h 30 min window',
      fields: { timestamp: String(Number(TS) - MAX_AGE_SECONDS - 1) },
      reason: 'stale',
    },
    {
      desc: 'a timestamp 61 seconds ahead',
      fields: { timestamp: String(Number(TS) + 61) },
      reason: 'ahead',
    },
    { desc: 'a timestamp that is not a number', fields: { timestamp: '1e9' }, reason: 'stale' },
  ])(
    'when the request has $desc, then it is 401 and nothing is staged',
    async ({ fields, reason }) => {
      const deps = relayDeps();
      const answer = await post(deps, fields);
      expect(answer.status).toBe(401);
      expect(deps.staged).toHaveLength(0);
      expect(deps.log.events).toEqual([
        expect.objectContaining({ relay: 'mailgun', status: 401, reason }),
      ]);
    },
  );

  it('when a timestamp is 8 h 30 min old or 60 s ahead, then it is still taken', async () => {
    const deps = relayDeps();
    const oldest = String(Number(TS) - MAX_AGE_SECONDS);
    expect((await post(deps, { timestamp: oldest, token: token(2) })).status).toBe(200);
    expect((await post(deps, { timestamp: String(Number(TS) + 60), token: token(3) })).status).toBe(
      200,
    );
  });

  it('when the same signed request comes twice, then the second is refused for good as a replay', async () => {
    const deps = relayDeps();
    expect((await post(deps)).status).toBe(200);
    const again = await post(deps);
    expect(again).toEqual({ status: 406, body: { error: 'token already used' } });
    expect(deps.staged).toHaveLength(1);
  });

  it('when the replay store is down, then the answer is 503 (Mailgun retries)', async () => {
    const deps = relayDeps();
    deps.tokens.claim = () => Promise.reject(new Error('cosmos down'));
    expect((await post(deps)).status).toBe(503);
    expect(deps.staged).toHaveLength(0);
  });

  it('when no signing key is set, then every request is 503 with a clear error', async () => {
    const deps = relayDeps({
      relays: { mailgunSigningKey: undefined, postmarkCredentials: undefined },
    });
    expect(await post(deps)).toEqual({
      status: 503,
      body: { error: 'the Mailgun door is not configured' },
    });
  });

  it('when the route posts the parsed format (no body-mime), then it is refused for good', async () => {
    const deps = relayDeps();
    const answer = await post(deps, { raw: undefined });
    expect(answer.status).toBe(406);
    expect(answer.body).toEqual({ error: expect.stringContaining('ending in mime') as string });
  });

  it('when an urlencoded mail takes three times its size on the wire, then it is still within the limit', async () => {
    const deps = relayDeps({ maxMailBytes: 64 * 1024 });
    // Every byte of "\u00e9" percent-encoded: 58 KiB of mail, about 170 KiB of form.
    const raw = mime([], '\u00e9'.repeat(28 * 1024));
    expect(raw.length).toBeLessThan(64 * 1024);
    expect((await post(deps, { raw })).status).toBe(200);
  });

  it.each(['urlencoded', 'multipart'] as const)(
    'when a %s mail is over the limit, then the answer is 413',
    async (encoding) => {
      const deps = relayDeps({ maxMailBytes: 64 * 1024 });
      const answer = await post(deps, { raw: mime([], 'x'.repeat(65 * 1024)) }, encoding);
      expect(answer).toEqual({ status: 413, body: { error: 'request body too large' } });
      expect(deps.staged).toHaveLength(0);
    },
  );
});
