import { listSpec } from '../../../lib/sharepoint/schema';
import {
  columnChange,
  defaultWarnings,
  mailStatusComplete,
} from '../../../lib/sharepoint/schemaUpgrade';
import type { GraphColumn, GraphList } from '../../../lib/sharepoint/validate';

const ALL = ['To send', 'Sending', 'Sent', 'Failed', 'Received', 'Not sent'];
const column = (list: 'tickets' | 'comments', name: string) =>
  listSpec(list).columns.find((c) => c.name === name)!;
const mailStatus = (choices: string[], defaultValue?: string): GraphColumn => ({
  id: 'c1',
  name: 'MailStatus',
  indexed: true,
  choice: { choices },
  ...(defaultValue ? { defaultValue: { value: defaultValue } } : {}),
});
const site = (tickets: GraphColumn, comments: GraphColumn): GraphList[] => [
  { id: 't', displayName: 'Tickets', columns: [tickets] },
  { id: 'm', displayName: 'Comments', columns: [comments] },
];

describe('upgrading an existing column', () => {
  it('when the comments MailStatus has the first four choices and no default, then one PATCH adds the missing choices and the default', () => {
    const change = columnChange(column('comments', 'MailStatus'), mailStatus(ALL.slice(0, 4)));
    expect(change).toEqual({
      what: ['choices', 'default'],
      body: {
        choice: { choices: ALL, allowTextEntry: false, displayAs: 'dropDownMenu' },
        defaultValue: { value: 'To send' },
      },
    });
  });

  it('when an agent added a choice and set another default, then both are kept and nothing changes', () => {
    const found = mailStatus([...ALL, 'Escalated'], 'Sent');
    expect(columnChange(column('comments', 'MailStatus'), found)).toBeUndefined();
  });

  it('when the tickets MailStatus lacks a choice, then only choices change: it has no default', () => {
    const change = columnChange(column('tickets', 'MailStatus'), mailStatus(ALL.slice(0, 5)));
    expect(change?.what).toEqual(['choices']);
    expect(change?.body).not.toHaveProperty('defaultValue');
  });

  it('when the MailStatus index is missing, then it is turned on with the rest', () => {
    const found = { ...mailStatus(ALL, 'To send'), indexed: false };
    expect(columnChange(column('comments', 'MailStatus'), found)).toEqual({
      what: ['index'],
      body: { indexed: true },
    });
  });
});

describe('what the site shows after provisioning', () => {
  it('when the comments default did not take, then a warning names it; tickets want none', () => {
    expect(defaultWarnings(site(mailStatus(ALL), mailStatus(ALL)), [listSpec('comments')])).toEqual(
      ["Comments.MailStatus has no default 'To send'"],
    );
    expect(
      defaultWarnings(site(mailStatus(ALL), mailStatus(ALL, 'To send')), [listSpec('comments')]),
    ).toEqual([]);
  });

  it('when either list lacks a status, then the outbox is not complete', () => {
    expect(mailStatusComplete(site(mailStatus(ALL), mailStatus(ALL)))).toBe(true);
    expect(mailStatusComplete(site(mailStatus(ALL.slice(0, 4)), mailStatus(ALL)))).toBe(false);
    expect(mailStatusComplete(site(mailStatus(ALL), mailStatus(ALL.slice(1))))).toBe(false);
  });
});
