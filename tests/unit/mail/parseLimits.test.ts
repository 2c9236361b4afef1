/** Hostile input: deep trees, many parts, huge headers. Nothing may crash or hang. */
import { DEFAULT_LIMITS, resolveLimits } from '../../../lib/mail/limits';
import { parseMail } from '../../../lib/mail/parse';
import { MAX_TEXT_PART_BYTES } from '../../../lib/mail/textCap';
import { crlf, manyAttachments, nestedMail } from './fixtures';

describe('parseMail limits', () => {
  it('when a mail has 200 attachments, then all 200 are parsed within the limits', async () => {
    const mail = await parseMail(manyAttachments(200));
    expect(mail.attachments).toHaveLength(200);
    expect(mail.structure.parts).toBe(202);
    expect(mail.text?.trim()).toBe('see attached');
  });

  it('when the MIME tree nests 30 levels, then it is parsed and the depth is reported', async () => {
    const mail = await parseMail(nestedMail(30));
    expect(mail.structure.depth).toBe(30);
    expect(mail.text?.trim()).toBe('innermost');
  });

  it('when the MIME tree nests deeper than the limit, then the mail is refused as too deep', async () => {
    await expect(parseMail(nestedMail(DEFAULT_LIMITS.maxDepth + 1))).rejects.toMatchObject({
      code: 'mail-too-deep',
      permanent: true,
    });
  });

  it('when a mail nests 900 levels, then it is refused quickly instead of hanging', async () => {
    const started = Date.now();
    await expect(parseMail(nestedMail(900))).rejects.toMatchObject({ code: 'mail-too-deep' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('when a mail has more parts than the limit, then it is refused', async () => {
    await expect(
      parseMail(manyAttachments(60), { limits: { maxParts: 50 } }),
    ).rejects.toMatchObject({
      code: 'mail-too-many-parts',
    });
  });

  it('when the defaults are read, then 200 attachments and 30 levels fit with room', () => {
    expect(DEFAULT_LIMITS.maxParts).toBeGreaterThanOrEqual(2 * 202);
    expect(DEFAULT_LIMITS.maxDepth).toBeGreaterThanOrEqual(2 * 30);
  });

  it('when the header section is larger than the limit, then it is refused', async () => {
    const huge = `X-Junk: ${'a'.repeat(DEFAULT_LIMITS.maxHeaderBytes)}`;
    await expect(parseMail(crlf('From: a@example.com', huge, '', 'body'))).rejects.toMatchObject({
      code: 'mail-header-too-large',
    });
  });

  it('when a part header is larger than the limit, then it is refused', async () => {
    const raw = crlf(
      'From: a@example.com',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      `Content-Type: text/plain; x="${'a'.repeat(DEFAULT_LIMITS.maxHeaderBytes)}"`,
      '',
      'x',
      '--b--',
    );
    await expect(parseMail(raw)).rejects.toMatchObject({ code: 'mail-header-too-large' });
  });

  it('when limits are given, then they replace the defaults', async () => {
    await expect(parseMail(nestedMail(4), { limits: { maxDepth: 3 } })).rejects.toMatchObject({
      code: 'mail-too-deep',
    });
    await expect(parseMail(manyAttachments(3), { limits: { maxParts: 4 } })).rejects.toMatchObject({
      code: 'mail-too-many-parts',
    });
    await expect(parseMail(manyAttachments(2), { limits: { maxParts: 4 } })).resolves.toBeDefined();
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'when a limit is %p, then it is rejected instead of switching the limit off',
    (value) => {
      expect(() => resolveLimits({ maxDepth: value })).toThrow(RangeError);
    },
  );

  it('when a body is one 5 MB line without line breaks, then it is parsed (its text capped)', async () => {
    const mail = await parseMail(crlf('From: a@example.com', '', 'x'.repeat(5 * 1024 * 1024)));
    expect(mail.text).toBe('x'.repeat(MAX_TEXT_PART_BYTES));
  });

  it('when a multipart boundary is never closed, then the parse still ends', async () => {
    const raw = crlf(
      'From: a@example.com',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      '',
      'open',
    );
    await expect(parseMail(raw)).resolves.toMatchObject({ structure: { parts: 2 } });
  });
});
