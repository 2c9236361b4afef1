/**
 * The raw mails of the soak: plain text, or multipart/mixed with one small text attachment
 * (base64), all with the same fixed Date so that a seed always gives the same bytes.
 */
export function mime(head: string[], body: string, file?: string): Buffer {
  const date = 'Date: Tue, 01 Dec 2026 09:15:00 +0000';
  if (!file) {
    return Buffer.from(
      [
        ...head,
        date,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        body,
        '',
      ].join('\r\n'),
    );
  }
  const parts = [
    ...head,
    date,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="soak"',
    '',
    '--soak',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '--soak',
    `Content-Type: text/plain; name="${file}"`,
    `Content-Disposition: attachment; filename="${file}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(`log of ${file}\n`.repeat(20)).toString('base64'),
    '--soak--',
    '',
  ];
  return Buffer.from(parts.join('\r\n'));
}
