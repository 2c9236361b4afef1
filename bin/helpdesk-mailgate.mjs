#!/usr/bin/env node
// @ts-check
/**
 * helpdesk-mailgate: an MTA's delivery command (Postfix pipe(8), Exim's pipe transport, a
 * sendmail "prog" mailer) hands one mail on stdin; the gate posts it to the service's
 * `/api/inbound` and answers with a sysexits code, so the MTA delivers, queues or bounces.
 * Node built-ins only: an MTA runs it as an unprivileged user from a checkout or via npx.
 *
 * It writes exactly one line to stderr, starting with an enhanced status code (RFC 3463):
 * Postfix's pipe(8) takes that code over the exit status, which is how a mail too large ends in
 * a "message too large" (5.3.4) bounce. The line never holds the mail or an address.
 * Exit codes and the reasons for each: docs/mailgate.md.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const EX_USAGE = 64;
const EX_DATAERR = 65;
const EX_NOUSER = 67;
const EX_TEMPFAIL = 75;
/** The service's own default limit (MAIL_MAX_BYTES): a larger mail could never be accepted. */
const DEFAULT_MAX_BYTES = 35 * 1024 * 1024;
const DEFAULT_TIMEOUT_SECONDS = 60;
const KEY_ENV = 'HELPDESK_MAILGATE_KEY';
const USAGE =
  'usage: helpdesk-mailgate --url URL [--recipient ADDRESS] [--key-file FILE]' +
  ` [--timeout SECONDS] [--max-bytes N]; the key comes from --key-file or ${KEY_ENV}`;

/** @typedef {{ code: number; dsn: string; reason: string }} Outcome */

/** @type {(code: number, dsn: string, reason: string) => Outcome} */
const outcome = (code, dsn, reason) => ({ code, dsn, reason });
/** @param {string} why */
const usage = (why) => outcome(EX_USAGE, '5.3.0', `${why}; ${USAGE}`);
/** @param {string} why (a configuration fault: the mail waits in the queue until it is fixed) */
const misconfigured = (why) => outcome(EX_TEMPFAIL, '4.3.5', why);

/**
 * @typedef {{ url: URL; keyFile?: string; timeoutMs: number; maxBytes: number }} Options
 * @param {string[]} argv
 * @returns {Options | Outcome}
 */
function readOptions(argv) {
  // A key on the command line is readable by every local user (ps, /proc): refused outright.
  if (argv.some((arg) => arg === '--key' || arg.startsWith('--key='))) {
    return usage(`--key is refused: the command line is visible to other users; use --key-file`);
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        recipient: { type: 'string' },
        'key-file': { type: 'string' },
        timeout: { type: 'string' },
        'max-bytes': { type: 'string' },
      },
    }));
  } catch (err) {
    // Not the parser's message: a stray argument would be echoed, and it may be an address.
    const code = /** @type {{ code?: string }} */ (err).code;
    return usage(`bad arguments (${code ?? 'unreadable'})`);
  }
  if (!values.url) return usage('--url is required');
  let url;
  try {
    url = new URL(values.url);
  } catch {
    return usage('--url is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return usage('--url must be http(s)');
  if (url.searchParams.has('code')) return usage('--url must not carry the key (?code=)');
  if (values.recipient) url.searchParams.set('recipient', values.recipient);
  const timeout = Number(values.timeout ?? DEFAULT_TIMEOUT_SECONDS);
  if (!(timeout > 0 && timeout <= 3600))
    return usage('--timeout must be over 0, at most 3600 seconds');
  const maxBytes = Number(values['max-bytes'] ?? DEFAULT_MAX_BYTES);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) return usage('--max-bytes must be > 0');
  return { url, keyFile: values['key-file'], timeoutMs: timeout * 1000, maxBytes };
}

/** @param {string | undefined} keyFile @returns {Promise<string | Outcome>} */
async function readKey(keyFile) {
  if (keyFile === undefined) {
    // Postfix's pipe(8) runs commands with a cleaned environment: a key set for the MTA's own
    // process may not arrive, and that must keep the mail, not bounce it.
    return process.env[KEY_ENV]?.trim() || misconfigured(`no key: --key-file or ${KEY_ENV}`);
  }
  try {
    return (await readFile(keyFile, 'utf8')).trim() || misconfigured('the key file is empty');
  } catch (err) {
    const code = /** @type {{ code?: string }} */ (err).code;
    return misconfigured(`cannot read the key file (${code ?? 'error'})`);
  }
}

/** The whole mail, or undefined once it passes `maxBytes` (the rest is left unread). */
async function readMail(/** @type {NodeJS.ReadableStream} */ input, /** @type {number} */ max) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of input) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(/** @type {Buffer} */ (chunk));
  }
  return Buffer.concat(chunks, size);
}

/** What each refusal of /api/inbound tells the MTA: bounce (5.x.x) or keep and retry (4.x.x). */
const REFUSALS = new Map([
  [400, outcome(EX_DATAERR, '5.6.0', 'the helpdesk refused it as not a mail')],
  [404, outcome(EX_NOUSER, '5.1.1', 'no helpdesk at this address')],
  [413, outcome(EX_DATAERR, '5.3.4', 'message too large for the helpdesk')],
  [429, outcome(EX_TEMPFAIL, '4.3.0', 'helpdesk busy')],
  [401, misconfigured('the helpdesk refused the key')],
  [403, misconfigured('the helpdesk refused the key')],
]);

/** @param {number} status @param {string} body @returns {Outcome} */
function answer(status, body) {
  if (status >= 200 && status < 300) {
    const id = /"id"\s*:\s*"([\w-]{1,64})"/.exec(body)?.[1];
    return outcome(0, '2.0.0', `accepted${id ? ` as ${id}` : ''} (HTTP ${status})`);
  }
  const known =
    REFUSALS.get(status) ??
    (status >= 500
      ? outcome(EX_TEMPFAIL, '4.3.0', 'helpdesk down')
      : misconfigured('unexpected answer: is --url the /api/inbound endpoint?'));
  return { ...known, reason: `${known.reason} (HTTP ${status})` };
}

/** @param {string[]} argv @returns {Promise<Outcome>} */
async function run(argv) {
  const options = readOptions(argv);
  if ('code' in options) return options;
  const key = await readKey(options.keyFile);
  if (typeof key !== 'string') return key;
  let mail;
  try {
    mail = await readMail(process.stdin, options.maxBytes);
  } catch {
    return outcome(EX_TEMPFAIL, '4.3.0', 'cannot read the mail from standard input');
  }
  if (!mail)
    return outcome(EX_DATAERR, '5.3.4', `message too large (over ${options.maxBytes} bytes)`);
  try {
    const res = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', 'x-functions-key': key },
      body: mail,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return answer(res.status, await res.text());
  } catch (err) {
    const name = /** @type {{ name?: string }} */ (err).name;
    if (name === 'TimeoutError')
      return outcome(EX_TEMPFAIL, '4.4.1', 'no answer within the timeout');
    const cause = /** @type {{ cause?: { code?: string } }} */ (err).cause?.code;
    return outcome(EX_TEMPFAIL, '4.4.1', `helpdesk unreachable (${cause ?? name ?? 'error'})`);
  }
}

const result = await run(process.argv.slice(2));
// Exit once the line is written: an idle keep-alive connection must not hold the MTA's agent.
process.stderr.write(`${result.dsn} helpdesk-mailgate: ${result.reason}\n`, () =>
  process.exit(result.code),
);
