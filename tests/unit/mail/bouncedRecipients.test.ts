import { bouncedRecipients, dsnRecipients } from '../../../lib/mail/bouncedRecipients';
import { parsed } from './fixtures';

describe('dsnRecipients', () => {
  it('when a DSN lists recipients, then the failed and delayed ones are returned, not the delivered', () => {
    const report = [
      'Reporting-MTA: dns; mx.example.net',
      '',
      'Final-Recipient: rfc822; Gone@Example.org',
      'Action: failed',
      'Status: 5.1.1',
      '',
      'Original-Recipient: rfc822;later@example.org',
      'Final-Recipient: rfc822;',
      '  later@example.org',
      'Action: delayed',
      '',
      'Final-Recipient: rfc822; fine@example.org',
      'Action: delivered',
    ].join('\r\n');
    expect(dsnRecipients(report)).toEqual(['gone@example.org', 'later@example.org']);
  });
});

describe('bouncedRecipients', () => {
  const bounce = { from: { address: 'mailer-daemon@mx.example.net', name: '' } };

  it.each([
    {
      desc: 'from the DSN report part',
      mail: parsed({
        ...bounce,
        reports: [
          {
            contentType: 'message/delivery-status',
            text: 'Final-Recipient: rfc822; a@example.org\nAction: failed',
          },
        ],
      }),
      expected: ['a@example.org'],
    },
    {
      desc: "from Exim's X-Failed-Recipients",
      mail: parsed({
        ...bounce,
        header: { 'X-Failed-Recipients': 'a@example.org, B@example.org' },
      }),
      expected: ['a@example.org', 'b@example.org'],
    },
    {
      desc: "from Amazon SES's JSON",
      mail: parsed({ ...bounce, text: '{"bouncedRecipients":[{"emailAddress":"a@example.org"}]}' }),
      expected: ['a@example.org'],
    },
    {
      desc: 'from a qmail text, not from the copy of the original below it',
      mail: parsed({
        ...bounce,
        to: [{ address: 'support@contoso.com', name: '' }],
        text: [
          'Hi. This is the qmail-send program at mx.example.net.',
          "I'm afraid I wasn't able to deliver your message to the following addresses.",
          '',
          '<gone@example.org>:',
          'Sorry, no mailbox here by that name. (#5.1.1)',
          '',
          '--- Below this line is a copy of the message.',
          '',
          'Return-Path: <support@contoso.com>',
          'To: gone@example.org, other@example.org',
        ].join('\n'),
      }),
      expected: ['gone@example.org'],
    },
    {
      desc: 'never the bounce sender, the helpdesk or postmaster',
      mail: parsed({
        ...bounce,
        to: [{ address: 'support@contoso.com', name: '' }],
        text: 'Mail to x@example.org failed. Contact postmaster@mx.example.net. Sent by support@contoso.com.',
      }),
      expected: ['x@example.org'],
    },
  ])('$desc', ({ mail, expected }) => {
    expect(bouncedRecipients(mail)).toEqual(expected);
  });
});
