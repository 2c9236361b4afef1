/**
 * Mailgun's retries and the early signature check. Mailgun retries a route's POST for about
 * 8 hours with the first attempt's timestamp, token and signature, so a retry hours later must
 * be taken while a replay of a taken token is not; and a request signed wrongly is refused
 * before its body is read.
 */
import { MAX_AGE_SECONDS } from '../../../lib/relays/mailgun';
import { mailgunSignature } from '../../e2e/relayRequests';
import {
  MAILGUN_KEY,
  NOW,
  SUPPORT,
  TS,
  mime,
  postMailgun as post,
  relayDeps,
  request,
  token,
} from './support';
import { takeMailgun } from '../../../lib/relays/mailgun';

const later = (seconds: number): (() => Date) => {
  const at = new Date(NOW.getTime() + seconds * 1000);
  return () => at;
};

/** An urlencoded form with the signature fields first and a large mail after them. */
function signedFirst(signature: string, bodyBytes: number) {
  const raw = mime([], 'x'.repeat(bodyBytes));
  const form = [
    `timestamp=${TS}`,
    `token=${token(7)}`,
    `signature=${signature}`,
    `recipient=${encodeURIComponent(SUPPORT)}`,
    `body-mime=${encodeURIComponent(raw.toString('latin1'))}`,
  ].join('&');
  const body = Buffer.from(form, 'latin1');
  const chunks = Math.ceil(body.length / 1000);
  const req = request(body, { 'content-type': 'application/x-www-form-urlencoded' }, 1000);
  return { req, chunks };
}

describe("the Mailgun door and Mailgun's retries", () => {
  it.each([
    { desc: '10 minutes', seconds: 10 * 60 },
    { desc: 'about 7 hours', seconds: 7 * 60 * 60 + 55 * 60 },
  ])(
    'when a mail answered 503 is retried $desc later with the same signed fields, then it is taken',
    async ({ seconds }) => {
      const failing = relayDeps();
      failing.staging.stage = () => Promise.reject(new Error('storage down'));
      expect((await post(failing)).status).toBe(503);
      const retry = relayDeps({ tokens: failing.tokens, now: later(seconds) });
      expect(await post(retry)).toEqual({ status: 200, body: { id: 'm1' } });
      expect(retry.staged).toHaveLength(1);
    },
  );

  it('when a taken request comes again hours later, then it is still refused as a replay (406)', async () => {
    const first = relayDeps();
    expect((await post(first)).status).toBe(200);
    const again = relayDeps({ tokens: first.tokens, now: later(7 * 60 * 60) });
    expect(await post(again)).toEqual({ status: 406, body: { error: 'token already used' } });
    expect(again.staged).toHaveLength(0);
  });

  it('when a retry comes a second past the 8 h 30 min window, then it is refused (401 stale)', async () => {
    const deps = relayDeps({ now: later(MAX_AGE_SECONDS + 1) });
    expect((await post(deps)).status).toBe(401);
    expect(deps.log.events).toEqual([expect.objectContaining({ reason: 'stale' })]);
    expect(deps.staged).toHaveLength(0);
  });
});

describe('the Mailgun signature, checked as soon as it has arrived', () => {
  const limits = { maxMailBytes: 1024 * 1024 };

  it('when a wrong signature comes before a large body-mime, then it is 401 and the body is not read', async () => {
    const deps = relayDeps(limits);
    const { req, chunks } = signedFirst('0'.repeat(64), 900 * 1024);
    const answer = await takeMailgun(req, deps);
    expect(answer.status).toBe(401);
    expect(deps.log.events).toEqual([expect.objectContaining({ reason: 'bad-signature' })]);
    // The form's first chunk holds the signature; what else is pulled is only what the streams
    // buffer ahead, a small part of the 900-odd chunks of the mail.
    expect(chunks).toBeGreaterThan(900);
    expect(req.pulled()).toBeLessThan(chunks / 10);
  });

  it('when a right signature comes first, then the whole body is read and the mail is taken', async () => {
    const deps = relayDeps(limits);
    const { req, chunks } = signedFirst(mailgunSignature(MAILGUN_KEY, TS, token(7)), 900 * 1024);
    expect((await takeMailgun(req, deps)).status).toBe(200);
    expect(req.pulled()).toBe(chunks);
    expect(deps.staged).toHaveLength(1);
  });
});
