/**
 * bin/helpdesk-mailgate.mjs: each answer of /api/inbound becomes the sysexits code an MTA acts
 * on, with one stderr line that starts with the matching enhanced status code and never holds
 * the mail or an address; the key never comes from the command line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type FakeInbound, type GateRun, fakeInbound, runGate, testMail } from './mailgateSupport';

const RECIPIENT = 'support@contoso.example';
const SUBJECT = 'Printer on floor 3';
const KEY = 'test-function-key';
const MAIL = testMail(RECIPIENT, SUBJECT);

let inbound: FakeInbound;
let dir: string;

beforeEach(async () => {
  inbound = await fakeInbound();
  dir = mkdtempSync(join(tmpdir(), 'mailgate-'));
});
afterEach(async () => {
  await inbound.close();
  rmSync(dir, { recursive: true, force: true });
});

const gate = (
  extra: string[] = [],
  env: Record<string, string> = { HELPDESK_MAILGATE_KEY: KEY },
  mail = MAIL,
) => runGate(['--url', inbound.url, '--recipient', RECIPIENT, ...extra], mail, env);

/** One line, starting with a status code of the exit code's class, naming no address or mail. */
function expectOneLine(run: GateRun, dsn: RegExp): string {
  expect(run.stderr).toMatch(/^[^\n]+\n$/);
  expect(run.stderr).toMatch(dsn);
  expect(run.stderr).not.toContain('@');
  expect(run.stderr).not.toContain(SUBJECT);
  expect(run.stdout).toBe('');
  return run.stderr;
}

describe('helpdesk-mailgate', () => {
  it('when the service accepts, then the mail, recipient and key are posted and it exits 0', async () => {
    const run = await gate();
    expect(run.code).toBe(0);
    expectOneLine(run, /^2\.0\.0 .*accepted as 0b7c8a3e-1111-4111-8111-123456789abc/);
    const [req] = inbound.received;
    expect(req?.method).toBe('POST');
    expect(req?.url.pathname).toBe('/api/inbound');
    expect(req?.url.searchParams.get('recipient')).toBe(RECIPIENT);
    expect(req?.headers['x-functions-key']).toBe(KEY);
    expect(req?.headers['content-type']).toBe('message/rfc822');
    expect(req?.body.equals(MAIL)).toBe(true);
  });

  it.each([
    { status: 200, code: 0, dsn: /^2\.0\.0 / },
    { status: 400, code: 65, dsn: /^5\.6\.0 / },
    { status: 404, code: 67, dsn: /^5\.1\.1 / },
    { status: 413, code: 65, dsn: /^5\.3\.4 .*too large/ },
    { status: 429, code: 75, dsn: /^4\.3\.0 / },
    { status: 500, code: 75, dsn: /^4\.3\.0 / },
    { status: 503, code: 75, dsn: /^4\.3\.0 / },
    { status: 401, code: 75, dsn: /^4\.3\.5 .*key/ },
    { status: 403, code: 75, dsn: /^4\.3\.5 / },
    { status: 302, code: 75, dsn: /^4\.3\.5 / },
    { status: 405, code: 75, dsn: /^4\.3\.5 / },
  ])('when the service answers $status, then it exits $code', async ({ status, code, dsn }) => {
    inbound.answer = { status, body: `{"error":"mail for ${RECIPIENT} refused"}` };
    const run = await gate();
    expect(run.code).toBe(code);
    expect(expectOneLine(run, dsn)).toContain(`HTTP ${status}`);
  });

  it('when the service does not answer within --timeout, then it exits 75 (the MTA retries)', async () => {
    inbound.answer = undefined;
    const run = await gate(['--timeout', '0.5']);
    expect(run.code).toBe(75);
    expectOneLine(run, /^4\.4\.1 .*timeout/);
  });

  it('when nothing listens at the URL, then it exits 75', async () => {
    const url = inbound.url;
    await inbound.close();
    const run = await runGate(['--url', url], MAIL, { HELPDESK_MAILGATE_KEY: KEY });
    expect(run.code).toBe(75);
    expectOneLine(run, /^4\.4\.1 .*unreachable \(ECONNREFUSED\)/);
  });

  it('when the key comes from --key-file, then that key is sent (the file wins over the environment)', async () => {
    const file = join(dir, 'key');
    writeFileSync(file, 'key-from-file\n');
    const run = await gate(['--key-file', file], { HELPDESK_MAILGATE_KEY: 'key-from-env' });
    expect(run.code).toBe(0);
    expect(inbound.received[0]?.headers['x-functions-key']).toBe('key-from-file');
  });

  it.each([['--key', KEY], [`--key=${KEY}`]])(
    'when the key is given on the command line (%s), then it is refused with 64 and nothing is sent',
    async (...flag) => {
      const run = await gate(flag, {});
      expect(run.code).toBe(64);
      expect(expectOneLine(run, /^5\.3\.0 .*--key is refused/)).not.toContain(KEY);
      expect(inbound.received).toHaveLength(0);
    },
  );

  it('when there is no key at all, then it exits 75: the mail waits until the admin gives one', async () => {
    const run = await gate([], {});
    expect(run.code).toBe(75);
    expectOneLine(run, /^4\.3\.5 .*no key/);
  });

  it('when the key file cannot be read, then it exits 75: the mail waits until the admin fixes it', async () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    for (const file of [join(dir, 'missing'), empty]) {
      const run = await gate(['--key-file', file], {});
      expect(run.code).toBe(75);
      expectOneLine(run, /^4\.3\.5 .*key file/);
    }
    expect(inbound.received).toHaveLength(0);
  });

  it('when the mail on stdin passes --max-bytes, then it exits 65 with 5.3.4 and sends nothing', async () => {
    const big = testMail(RECIPIENT, SUBJECT, 300_000);
    const run = await gate(['--max-bytes', '100000'], undefined, big);
    expect(run.code).toBe(65);
    expectOneLine(run, /^5\.3\.4 .*too large/);
    expect(inbound.received).toHaveLength(0);
    const exact = await gate(['--max-bytes', String(MAIL.length)]);
    expect(exact.code).toBe(0);
  });

  it.each([
    { desc: 'no --url', args: ['--recipient', RECIPIENT] },
    { desc: 'a URL that is not http', args: ['--url', 'file:///etc/passwd'] },
    { desc: 'the key in the URL', args: ['--url', 'http://127.0.0.1:9/api/inbound?code=k'] },
    { desc: 'a stray address', args: ['--url', 'http://127.0.0.1:9/api/inbound', RECIPIENT] },
    { desc: 'an unknown option', args: ['--url', 'http://127.0.0.1:9/api/inbound', '--to', 'x'] },
    { desc: 'a bad timeout', args: ['--url', 'http://127.0.0.1:9/', '--timeout', 'soon'] },
  ])('when called with $desc, then it exits 64 naming no address', async ({ args }) => {
    const run = await runGate(args, MAIL, { HELPDESK_MAILGATE_KEY: KEY });
    expect(run.code).toBe(64);
    expectOneLine(run, /^5\.3\.0 .*usage: helpdesk-mailgate/);
  });
});
