/**
 * Postmark's inbound JSON (raw email included) onto the shared acceptance: basic auth, the
 * OriginalRecipient, SpamAssassin's score from the JSON headers, and Postmark's answers (200
 * taken, 403 refused for good, anything else retried).
 */
import { basicCredentialsOf, postmarkSpamScore, takePostmark } from '../../../lib/relays/postmark';
import { postmark } from '../../e2e/relayRequests';
import { POSTMARK_CREDENTIALS, SUPPORT, mime, relayDeps, request } from './support';

function post(
  deps: ReturnType<typeof relayDeps>,
  raw: Buffer | undefined = mime(),
  opts: Partial<Parameters<typeof postmark>[1]> = {},
) {
  const json = postmark(raw, { recipient: SUPPORT, credentials: POSTMARK_CREDENTIALS, ...opts });
  return takePostmark(request(json.body, json.headers), deps);
}

describe('the Postmark door', () => {
  it('when Postmark posts the raw mail, then it is staged as sent with its spam score and answered 200', async () => {
    const deps = relayDeps();
    const raw = mime([], 'Grüße, "quoted" \\ caf\u00e9');
    expect(await post(deps, raw, { spamScores: ['1.7'] })).toEqual({
      status: 200,
      body: { id: 'm1' },
    });
    expect(deps.staged[0]?.raw.equals(raw)).toBe(true);
    expect(deps.staged[0]?.extra).toEqual({ door: { kind: 'postmark', spamScore: 1.7 } });
  });

  it('when the recipient is no support address, then it is refused for good (403), not by its headers', async () => {
    const deps = relayDeps();
    const answer = await post(deps, mime(), { recipient: 'nobody@else.example' });
    expect(answer.status).toBe(403);
    expect(deps.staged).toHaveLength(0);
  });

  it("when the recipient is the stream's own hash address, then the mail's To header routes it", async () => {
    const deps = relayDeps();
    const hash = '451d9b70cf9364d6f9d51sdf34343sdf343@Inbound.Postmarkapp.com';
    expect((await post(deps, mime(), { recipient: hash })).status).toBe(200);
    expect(deps.staged[0]).toMatchObject({
      mailbox: SUPPORT,
      extra: { door: { kind: 'postmark' } },
    });
  });

  it('when the hash address took a mail whose headers name no tenant, then it is refused for good (403)', async () => {
    const deps = relayDeps();
    const raw = Buffer.from(
      mime().toString('latin1').replace(`To: ${SUPPORT}`, 'To: x@else.example'),
    );
    const answer = await post(deps, raw, { recipient: 'abc123@inbound.postmarkapp.com' });
    expect(answer.status).toBe(403);
    expect(deps.staged).toHaveLength(0);
  });

  it.each([
    { desc: 'no credentials', credentials: undefined },
    { desc: 'a wrong password', credentials: 'postmark:wrong' },
    { desc: 'the password alone', credentials: 's3cret' },
  ])(
    'when the request has $desc, then it is 401 with a Basic challenge',
    async ({ credentials }) => {
      const deps = relayDeps();
      const json = postmark(mime(), { recipient: SUPPORT, credentials });
      const answer = await takePostmark(request(json.body, json.headers), deps);
      expect(answer.status).toBe(401);
      expect(answer.headers?.['www-authenticate']).toMatch(/^Basic realm=/);
      expect(deps.staged).toHaveLength(0);
    },
  );

  it('when a Bearer header is given, then it is no basic credential', () => {
    expect(basicCredentialsOf('Bearer abc')).toBeUndefined();
    expect(basicCredentialsOf(`basic ${Buffer.from('a:b').toString('base64')}`)).toBe('a:b');
  });

  it('when no credentials are set, then every request is 503 with a clear error', async () => {
    const deps = relayDeps({
      relays: { mailgunSigningKey: undefined, postmarkCredentials: undefined },
    });
    expect(await post(deps)).toEqual({
      status: 503,
      body: { error: 'the Postmark door is not configured' },
    });
  });

  it.each([
    {
      desc: 'no RawEmail (the option is off)',
      body: postmark(undefined, { recipient: SUPPORT }).body,
      error: /Include raw email/,
    },
    {
      desc: 'a body that is not JSON',
      body: Buffer.from('From: a@b\r\n\r\nhi'),
      error: /inbound JSON/,
    },
    { desc: 'JSON null', body: Buffer.from('null'), error: /RawEmail/ },
  ])('when Postmark posts $desc, then it is refused for good (403)', async ({ body, error }) => {
    const deps = relayDeps();
    const headers = postmark(mime(), {
      recipient: SUPPORT,
      credentials: POSTMARK_CREDENTIALS,
    }).headers;
    const answer = await takePostmark(request(body, headers), deps);
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error: expect.stringMatching(error) as string });
  });

  it('when the JSON is over three times the mail limit, then the answer is 413', async () => {
    const deps = relayDeps({ maxMailBytes: 16 * 1024 });
    const answer = await post(deps, mime([], 'x'.repeat(1200 * 1024)));
    expect(answer).toEqual({ status: 413, body: { error: 'request body too large' } });
  });

  it('when the raw mail is over the limit inside an allowed JSON, then it is refused for good (403)', async () => {
    const deps = relayDeps({ maxMailBytes: 16 * 1024 });
    const answer = await post(deps, mime([], 'x'.repeat(20 * 1024)));
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error: expect.stringContaining('larger than') as string });
  });

  it.each([
    { scores: [], expected: undefined },
    { scores: ['5.1'], expected: 5.1 },
    { scores: ['-0.8'], expected: -0.8 },
    { scores: ['0.1', '7.4'], expected: 7.4 },
    { scores: ['high'], expected: undefined },
  ])(
    'when the JSON headers give X-Spam-Score $scores, then the score is $expected',
    ({ scores, expected }) => {
      const headers = scores.map((Value) => ({ Name: 'X-Spam-Score', Value }));
      expect(postmarkSpamScore([{ Name: 'X-Spam-Status', Value: 'No' }, ...headers])).toBe(
        expected,
      );
    },
  );
});
