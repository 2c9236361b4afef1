import { type Classification, classify } from '../../../lib/mail/classify';
import type { ParsedMail } from '../../../lib/mail/parse';
import { parsed } from './fixtures';

const ctx = { ownAddresses: ['Support@Contoso.com'] };
const report = (reportType: string, types: string[]) => ({
  contentType: 'multipart/report',
  structure: {
    parts: types.length + 1,
    depth: 2,
    types: ['multipart/report', ...types],
    reportType,
  },
});

const cases: Array<{ desc: string; mail: ParsedMail; expected: Classification }> = [
  { desc: 'a customer question', mail: parsed(), expected: { kind: 'normal', reason: 'none' } },
  {
    desc: 'mail from the support address itself, any case',
    mail: parsed({ from: { address: 'support@contoso.com', name: 'Support' } }),
    expected: { kind: 'loop', reason: 'own-address' },
  },
  {
    desc: 'X-Loop naming the support address',
    mail: parsed({ header: { 'X-Loop': 'support@contoso.com' } }),
    expected: { kind: 'loop', reason: 'x-loop' },
  },
  {
    desc: 'a bounce of our own mail from our own address is still a loop (checked first)',
    mail: parsed({
      from: { address: 'support@contoso.com', name: '' },
      ...report('delivery-status', ['message/delivery-status']),
    }),
    expected: { kind: 'loop', reason: 'own-address' },
  },
  {
    desc: 'RFC 3834 Auto-Submitted: auto-replied',
    mail: parsed({ header: { 'Auto-Submitted': 'auto-replied (vacation)' } }),
    expected: { kind: 'auto-reply', reason: 'auto-submitted' },
  },
  {
    desc: 'Auto-Submitted: auto-generated',
    mail: parsed({ header: { 'Auto-Submitted': 'auto-generated' } }),
    expected: { kind: 'auto-reply', reason: 'auto-submitted' },
  },
  {
    desc: 'Auto-Submitted: no is a person',
    mail: parsed({ header: { 'Auto-Submitted': 'no' } }),
    expected: { kind: 'normal', reason: 'none' },
  },
  {
    desc: 'X-Autoreply: yes',
    mail: parsed({ header: { 'X-Autoreply': 'yes' } }),
    expected: { kind: 'auto-reply', reason: 'x-autoreply' },
  },
  {
    desc: 'X-Autorespond with any value',
    mail: parsed({ header: { 'X-Autorespond': 'Vacation' } }),
    expected: { kind: 'auto-reply', reason: 'x-autoreply' },
  },
  ...['bulk', 'junk', 'list', 'Bulk'].map((value) => ({
    desc: `Precedence: ${value}`,
    mail: parsed({ header: { Precedence: value } }),
    expected: { kind: 'auto-reply' as const, reason: 'precedence' },
  })),
  {
    desc: 'X-Auto-Response-Suppress alone: notification senders set it on ordinary mail',
    mail: parsed({ header: { 'X-Auto-Response-Suppress': 'All' } }),
    expected: { kind: 'normal', reason: 'none' },
  },
  {
    desc: 'X-Auto-Response-Suppress: All with a null return path (Exchange OOF)',
    mail: parsed({ returnPath: '', header: { 'X-Auto-Response-Suppress': 'All' } }),
    expected: { kind: 'auto-reply', reason: 'exchange-oof' },
  },
  {
    desc: 'a null return path alone is a delivery notification',
    mail: parsed({ returnPath: '' }),
    expected: { kind: 'bounce', reason: 'null-return-path' },
  },
  {
    desc: 'a null return path with Auto-Submitted is an auto-reply (RFC 3834 §3.3)',
    mail: parsed({ returnPath: '', header: { 'Auto-Submitted': 'auto-replied' } }),
    expected: { kind: 'auto-reply', reason: 'auto-submitted' },
  },
];

describe('classify', () => {
  it.each(cases)('$desc', ({ mail, expected }) => {
    expect(classify(mail, ctx)).toEqual(expected);
  });

  it('when any mail is classified, then the reason is a short code, never content', () => {
    for (const { mail } of cases) expect(classify(mail, ctx).reason).toMatch(/^[a-z0-9-]{1,40}$/);
  });
});
