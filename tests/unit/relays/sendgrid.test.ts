/** SendGrid Inbound Parse (raw MIME on) onto the shared acceptance, from its documented form. */
import { takeSendGrid } from '../../../lib/relays/sendgrid';
import { multipart, sendGrid } from '../../e2e/relayRequests';
import { SUPPORT, mime, relayDeps, request } from './support';

describe('the SendGrid door', () => {
  it('when SendGrid posts the raw mail, then it is staged byte for byte with its spam score and answered 200', async () => {
    const deps = relayDeps();
    const raw = mime([], 'Grüße, caf\u00e9');
    const form = sendGrid(raw, { to: [SUPPORT], spamScore: '2.3' });
    const answer = await takeSendGrid(request(form.body, form.headers, 97), deps);
    expect(answer).toEqual({ status: 200, body: { id: 'm1' } });
    expect(deps.staged).toHaveLength(1);
    expect(deps.staged[0]?.raw.equals(raw)).toBe(true);
    expect(deps.staged[0]?.mailbox).toBe(SUPPORT);
    expect(deps.staged[0]?.extra).toEqual({ door: { kind: 'sendgrid', spamScore: 2.3 } });
  });

  it('when the envelope lists a stranger first, then the first recipient that is a support address wins over the headers', async () => {
    const deps = relayDeps();
    const raw = mime().toString().replace(`To: ${SUPPORT}`, 'To: someone@else.example');
    const form = sendGrid(Buffer.from(raw), { to: ['nobody@else.example', SUPPORT.toUpperCase()] });
    expect((await takeSendGrid(request(form.body, form.headers), deps)).status).toBe(200);
    expect(deps.staged[0]?.mailbox).toBe(SUPPORT);
  });

  it('when the envelope names only strangers, then the To header does not route it: 404', async () => {
    const deps = relayDeps();
    const form = sendGrid(mime(), { to: ['nobody@else.example'] });
    const answer = await takeSendGrid(request(form.body, form.headers), deps);
    expect(answer.status).toBe(404);
    expect(deps.staged).toHaveLength(0);
  });

  it('when there is no spam score, then the door carries none', async () => {
    const deps = relayDeps();
    const form = sendGrid(mime(), { to: [SUPPORT], spamScore: 'n/a' });
    await takeSendGrid(request(form.body, form.headers), deps);
    expect(deps.staged[0]?.extra).toEqual({ door: { kind: 'sendgrid' } });
  });

  it.each([
    {
      desc: 'the parsed format (no email field)',
      form: sendGrid(mime(), { to: [SUPPORT], omitEmail: true }),
      status: 400,
      error: /raw, full MIME/,
    },
    {
      desc: 'a JSON body',
      form: { body: Buffer.from('{}'), headers: { 'content-type': 'application/json' } },
      status: 400,
      error: /form body/,
    },
    {
      desc: 'a multipart body without its boundary',
      form: { body: Buffer.from('--x--'), headers: { 'content-type': 'multipart/form-data' } },
      status: 400,
      error: /form body/,
    },
    {
      desc: 'a truncated multipart body',
      form: {
        body: Buffer.from('--xYzZY\r\nContent-Disposition: form-data; name="email"\r\n\r\nFrom: a'),
        headers: { 'content-type': 'multipart/form-data; boundary=xYzZY' },
      },
      status: 400,
      error: /malformed/,
    },
    {
      desc: 'two email fields',
      form: multipart([
        ['email', mime()],
        ['email', mime()],
      ]),
      status: 400,
      error: /twice/,
    },
    {
      desc: 'a thousand parts',
      form: multipart(Array.from({ length: 1000 }, (_, i) => [`f${i}`, 'x'] as [string, string])),
      status: 400,
      error: /parts/,
    },
    {
      desc: 'an email field that is not a mail',
      form: multipart([['email', 'hello']]),
      status: 400,
      error: /./,
    },
  ])('when SendGrid posts $desc, then the answer is $status', async ({ form, status, error }) => {
    const deps = relayDeps();
    const answer = await takeSendGrid(request(form.body, form.headers), deps);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ error: expect.stringMatching(error) as string });
    expect(deps.staged).toHaveLength(0);
  });

  it('when the mail is over the limit, then the answer is 413 and the rest of a long body is not read', async () => {
    const deps = relayDeps({ maxMailBytes: 64 * 1024 });
    const form = sendGrid(mime([], 'x'.repeat(2 * 1024 * 1024)), { to: [SUPPORT] });
    const req = request(form.body, form.headers, 16 * 1024);
    const answer = await takeSendGrid(req, deps);
    expect(answer).toEqual({ status: 413, body: { error: 'request body too large' } });
    // Reading stops at the mail limit and the form allowance (1 MiB, 69 chunks, give or take the
    // stream's read-ahead): most of the 2 MiB (128 chunks) is never pulled.
    expect(req.pulled()).toBeLessThan(85);
  });

  it('when the declared length is over the limit, then nothing is read', async () => {
    const deps = relayDeps({ maxMailBytes: 1024 });
    const form = sendGrid(mime(), { to: [SUPPORT] });
    const req = request(form.body, { ...form.headers, 'content-length': String(3 * 1024 * 1024) });
    expect((await takeSendGrid(req, deps)).status).toBe(413);
    expect(req.pulled()).toBe(0);
  });

  it('when the mail field alone passes the limit within the form allowance, then 413', async () => {
    const deps = relayDeps({ maxMailBytes: 64 * 1024 });
    const form = sendGrid(mime([], 'x'.repeat(70 * 1024)), { to: [SUPPORT] });
    expect((await takeSendGrid(request(form.body, form.headers), deps)).status).toBe(413);
  });

  it('when a refusal is logged, then the log holds a reason code and no address or content', async () => {
    const deps = relayDeps();
    const form = sendGrid(mime(), { to: ['nobody@else.example'] });
    await takeSendGrid(request(form.body, form.headers), deps);
    expect(deps.log.events).toEqual([
      {
        event: 'mail.relay',
        relay: 'sendgrid',
        outcome: 'refused',
        status: 404,
        reason: 'accept-404',
      },
    ]);
  });
});
