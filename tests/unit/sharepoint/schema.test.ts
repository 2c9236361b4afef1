import { PermanentError } from '../../../lib/errors';
import {
  HELPDESK_LISTS,
  type ListIds,
  columnDefinition,
  listSpec,
} from '../../../lib/sharepoint/schema';
import { type GraphList, checkSchema } from '../../../lib/sharepoint/validate';

const IDS: ListIds = { contacts: 'c-id', tickets: 't-id', comments: 'm-id', attachments: 'a-id' };

/** What Graph would report for a correctly provisioned site. */
function provisionedSite(): GraphList[] {
  return HELPDESK_LISTS.map((spec) => ({
    id: IDS[spec.key],
    displayName: spec.displayName,
    list: { template: spec.template },
    columns: spec.columns.map((c, i) => ({ id: `col-${i}`, ...columnDefinition(c, IDS) }) as never),
  }));
}

describe('helpdesk schema', () => {
  it('creates lookup targets before the lists that look them up', () => {
    const order = HELPDESK_LISTS.map((l) => l.key);
    for (const spec of HELPDESK_LISTS) {
      for (const c of spec.columns) {
        if ('lookup' in c)
          expect(order.indexOf(c.lookup.list)).toBeLessThan(order.indexOf(spec.key));
      }
    }
  });

  it.each([
    ['tickets', 'MailKey'],
    ['comments', 'MailKey'],
    ['contacts', 'Email'],
  ] as const)('makes %s.%s indexed and unique', (list, column) => {
    const def = columnDefinition(
      listSpec(list).columns.find((c) => c.name === column)!,
      IDS,
    );
    expect(def).toMatchObject({ name: column, indexed: true, enforceUniqueValues: true });
    expect(def).toMatchObject({ text: { maxLength: 255 } });
  });

  it('writes columns in Graph columnDefinition form', () => {
    const tickets = listSpec('tickets').columns;
    const def = (name: string) =>
      columnDefinition(
        tickets.find((c) => c.name === name)!,
        IDS,
      );
    expect(def('Body')).toEqual({
      name: 'Body',
      displayName: 'Body',
      text: { allowMultipleLines: true, textType: 'richText' },
    });
    expect(def('Status')).toEqual({
      name: 'Status',
      displayName: 'Status',
      choice: {
        choices: ['New', 'In progress', 'Pending', 'Solved', 'Closed'],
        allowTextEntry: false,
        displayAs: 'dropDownMenu',
      },
      defaultValue: { value: 'New' },
    });
    expect(def('Cc')).toEqual({
      name: 'Cc',
      displayName: 'Cc',
      lookup: { listId: 'c-id', columnName: 'Title', allowMultipleValues: true },
    });
    expect(
      columnDefinition(
        listSpec('comments').columns.find((c) => c.name === 'Internal')!,
        IDS,
      ),
    ).toEqual({
      name: 'Internal',
      displayName: 'Internal',
      boolean: {},
    });
  });

  it('refuses a lookup whose target list has no id yet', () => {
    const requester = listSpec('tickets').columns.find((c) => c.name === 'Requester')!;
    expect(() => columnDefinition(requester, {})).toThrow('has no id yet');
  });
});

describe('schema validation', () => {
  it('when the site matches, then it returns the list ids', () => {
    expect(checkSchema(provisionedSite())).toEqual(IDS);
  });

  it('when a list is missing, then PermanentError schema-missing names it', () => {
    const site = provisionedSite().filter((l) => l.displayName !== 'Comments');
    expect(() => checkSchema(site)).toThrow(
      expect.objectContaining({
        code: 'schema-missing',
        message: expect.stringContaining("list 'Comments' is missing"),
      }),
    );
  });

  it('when a column is missing, then the error names list and column', () => {
    const site = provisionedSite();
    const tickets = site.find((l) => l.displayName === 'Tickets')!;
    tickets.columns = tickets.columns!.filter((c) => c.name !== 'MailKey');
    let caught: unknown;
    try {
      checkSchema(site);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PermanentError);
    expect(caught).toMatchObject({
      code: 'schema-missing',
      message: 'helpdesk site: column Tickets.MailKey is missing',
    });
  });

  it('when MailKey is not indexed or a column has the wrong type, then schema-mismatch', () => {
    const site = provisionedSite();
    const tickets = site.find((l) => l.displayName === 'Tickets')!;
    const mailKey = tickets.columns!.find((c) => c.name === 'MailKey')!;
    mailKey.indexed = false;
    mailKey.enforceUniqueValues = false;
    const status = tickets.columns!.find((c) => c.name === 'Status')!;
    delete status.choice;
    status.text = {};
    expect(() => checkSchema(site)).toThrow(
      expect.objectContaining({
        code: 'schema-mismatch',
        message:
          'helpdesk site: column Tickets.Status is not a choice column; column Tickets.MailKey is not indexed; column Tickets.MailKey does not enforce unique values',
      }),
    );
  });

  it('when a lookup points at another list, then schema-mismatch', () => {
    const site = provisionedSite();
    const requester = site
      .find((l) => l.displayName === 'Tickets')!
      .columns!.find((c) => c.name === 'Requester')!;
    requester.lookup = { listId: 'other', allowMultipleValues: false };
    expect(() => checkSchema(site)).toThrow("does not look up list 'contacts'");
  });

  it('matches list names case-insensitively and GUIDs with braces', () => {
    const site = provisionedSite();
    site[0]!.displayName = 'contacts';
    const cc = site[1]!.columns!.find((c) => c.name === 'Cc')!;
    cc.lookup = { listId: '{C-ID}', allowMultipleValues: true };
    expect(checkSchema(site)).toEqual(IDS);
  });
});
