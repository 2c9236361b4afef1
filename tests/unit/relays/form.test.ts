/**
 * The relays' form reader (lib/relays/form.ts) on the parts the adapters' tests do not reach:
 * a read field sent as a file part, files the door does not read, and a file over the limit.
 */
import { readForm } from '../../../lib/relays/form';
import { request } from './support';

const BOUNDARY = 'xYzZY';

function withFile(
  name: string,
  content: Buffer,
  extra = '',
): { body: Buffer; headers: Record<string, string> } {
  const body = Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="to"\r\n\r\nsupport@alpha.example\r\n`,
    ),
    Buffer.from(extra),
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="mail.eml"\r\n` +
        'Content-Type: message/rfc822\r\n\r\n',
    ),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

const limits = { maxBodyBytes: 4 * 1024 * 1024, maxFieldBytes: 64 * 1024 };

describe('the relay form reader', () => {
  it('when a read field comes as a file part, then its bytes are kept as sent', async () => {
    const bytes = Buffer.from([0x46, 0x72, 0x6f, 0x6d, 0x3a, 0x20, 0xe9, 0xff, 0x00, 0x0d, 0x0a]);
    const form = withFile('email', bytes);
    const read = await readForm(request(form.body, form.headers, 7), ['email', 'to'], limits);
    expect(read.ok && read.fields.get('email')?.equals(bytes)).toBe(true);
    expect(read.ok && read.fields.get('to')?.toString()).toBe('support@alpha.example');
  });

  it('when the form has files the door does not read, then they are skipped', async () => {
    const form = withFile('attachment1', Buffer.alloc(200 * 1024, 1));
    const read = await readForm(request(form.body, form.headers), ['email', 'to'], limits);
    expect(read.ok && [...read.fields.keys()]).toEqual(['to']);
  });

  it('when a read file part passes the field limit, then 413 and the rest of the body is not read', async () => {
    const form = withFile('email', Buffer.alloc(3 * 1024 * 1024, 0x41));
    const req = request(form.body, form.headers, 16 * 1024);
    expect(await readForm(req, ['email'], limits)).toEqual({
      ok: false,
      status: 413,
      error: 'request body too large',
    });
    // 64 KiB is 4 chunks: the reading stops soon after, far before the 192 chunks of the body.
    expect(req.pulled()).toBeLessThan(20);
  });

  it('when the request has no body, then the form is empty', async () => {
    const read = await readForm(
      {
        body: null,
        headers: {
          get: (n) => (n === 'content-type' ? 'application/x-www-form-urlencoded' : null),
        },
      },
      ['email'],
      limits,
    );
    expect(read).toEqual({ ok: true, fields: new Map() });
  });
});
