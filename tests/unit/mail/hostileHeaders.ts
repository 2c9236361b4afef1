/**
 * Hostile header sections, each within the 256 KiB header limit: the shapes that once held the
 * door or the parser for seconds, and their neighbours. Generated, deterministic; also fuzz seeds.
 */
const CRLF = '\r\n';
const mail = (head: string): Buffer => Buffer.from(`${head}${CRLF}${CRLF}body${CRLF}`, 'latin1');
const HEAD = `From: a@example.com${CRLF}To: support@contoso.com${CRLF}Subject: hi`;
const times = (n: number, f: (i: number) => string, sep = ''): string =>
  Array.from({ length: n }, (_, i) => f(i)).join(sep);

export interface HostileHeader {
  desc: string;
  raw: Buffer;
}

export const hostileHeaders: HostileHeader[] = [
  { desc: '22,000 repeated X fields (129 KiB)', raw: mail(HEAD + `${CRLF}X: b`.repeat(22_000)) },
  { desc: '40,000 repeated X fields (234 KiB)', raw: mail(HEAD + `${CRLF}X: b`.repeat(40_000)) },
  { desc: '20,000 repeated To fields', raw: mail(HEAD + `${CRLF}To: c@d.e`.repeat(20_000)) },
  {
    desc: '12,000 repeated References fields',
    raw: mail(HEAD + `${CRLF}References: <a@b>`.repeat(12_000)),
  },
  { desc: '999 repeated To fields', raw: mail(HEAD + `${CRLF}To: c@d.e`.repeat(999 - 3)) },
  {
    desc: 'a From of 100,000 nested (',
    raw: mail(`From: ${'('.repeat(100_000)}${CRLF}To: support@contoso.com`),
  },
  { desc: 'a To of 100,000 nested (', raw: mail(`${HEAD}${CRLF}To: ${'('.repeat(100_000)}`) },
  {
    desc: 'a Cc of 30,000 nested ( (under 32 KiB)',
    raw: mail(`${HEAD}${CRLF}Cc: ${'('.repeat(30_000)}`),
  },
  {
    desc: 'a From of 100,000 letters',
    raw: mail(`From: ${'a'.repeat(100_000)}${CRLF}To: support@contoso.com`),
  },
  {
    desc: 'a From of 30,000 letters (under 32 KiB)',
    raw: mail(`From: ${'a'.repeat(30_000)}${CRLF}To: support@contoso.com`),
  },
  {
    desc: 'a From of 30,000 <',
    raw: mail(`From: ${'<'.repeat(30_000)}${CRLF}To: support@contoso.com`),
  },
  {
    desc: 'a From of 30,000 quotes',
    raw: mail(`From: ${'"'.repeat(30_000)}${CRLF}To: support@contoso.com`),
  },
  {
    desc: 'a Reply-To of 10,000 <a>',
    raw: mail(`${HEAD}${CRLF}Reply-To: ${'<a>'.repeat(10_000)}`),
  },
  { desc: 'a To of 30,000 colons', raw: mail(`${HEAD}${CRLF}To: ${':'.repeat(30_000)}`) },
  { desc: 'a To of 5,000 groups', raw: mail(`${HEAD}${CRLF}To: ${'g:a@b;'.repeat(5_000)}`) },
  {
    desc: 'a To of 40,000 addresses',
    raw: mail(`${HEAD}${CRLF}To: ${times(40_000, () => 'a@b.c', ',')}`),
  },
  { desc: 'a Cc of 16,000 semicolons', raw: mail(`${HEAD}${CRLF}Cc: ${'a;'.repeat(16_000)}`) },
  {
    desc: 'a Cc of 1,500 named addresses',
    raw: mail(`${HEAD}${CRLF}Cc: ${times(1_500, (i) => `"N ${i}" <n${i}@b.c>`, `,${CRLF} `)}`),
  },
  {
    desc: 'a List-Unsubscribe of 40,000 <a@b>',
    raw: mail(`${HEAD}${CRLF}List-Unsubscribe: ${'<a@b>,'.repeat(40_000)}`),
  },
  {
    desc: 'one folded header of 255 KiB',
    raw: mail(`${HEAD}${CRLF}X-Long: ${`${'a'.repeat(70)}${CRLF} `.repeat(3_560)}x`),
  },
  {
    desc: 'References of 20,000 Message-IDs',
    raw: mail(`${HEAD}${CRLF}References: ${times(20_000, (i) => `<${i}@x>`, `${CRLF} `)}`),
  },
  {
    desc: 'a Message-ID of 200,000 <',
    raw: mail(`${HEAD}${CRLF}Message-ID: ${'<'.repeat(200_000)}`),
  },
  {
    desc: 'an In-Reply-To of 200,000 (',
    raw: mail(`${HEAD}${CRLF}In-Reply-To: ${'('.repeat(200_000)}`),
  },
  {
    desc: 'a Subject of 10,000 encoded-words',
    raw: mail(`${HEAD}${CRLF}Subject: ${'=?UTF-8?B?w6TDtsO8?= '.repeat(10_000)}`),
  },
  {
    desc: 'one encoded-word of 200 KiB',
    raw: mail(`${HEAD}${CRLF}Subject: =?UTF-8?B?${'w6TD'.repeat(50_000)}?=`),
  },
  {
    desc: 'a From of 1,400 encoded-words',
    raw: mail(
      `From: ${'=?UTF-8?B?w6TDtsO8?= '.repeat(1_400)}<a@b.c>${CRLF}To: support@contoso.com`,
    ),
  },
  {
    desc: 'a Content-Type of 2,500 RFC 2231 parameters',
    raw: mail(`${HEAD}${CRLF}Content-Type: text/plain; ${times(2_500, (i) => `n*${i}*=x`, ';')}`),
  },
  {
    desc: 'a Content-Type of 15,000 RFC 2231 parameters',
    raw: mail(`${HEAD}${CRLF}Content-Type: text/plain; ${times(15_000, (i) => `n*${i}*=x`, ';')}`),
  },
  {
    desc: 'a Content-Type of 100,000 (',
    raw: mail(`${HEAD}${CRLF}Content-Type: text/plain; ${'('.repeat(100_000)}`),
  },
  {
    desc: 'a Content-Type of 100,000 escaped quotes',
    raw: mail(`${HEAD}${CRLF}Content-Type: text/plain; a="${'\\"'.repeat(100_000)}"`),
  },
];
