/**
 * Requester and Cc contacts on the local stack: From is the requester, the other recipients
 * (never a support address) become the ticket's Cc contacts, found by e-mail case-insensitively
 * or created.
 */
import { processed } from './outcomes';
import { freshTenant, sharedHost } from './setup';
import { type ListItem, mail, postMail, readList } from './support';

const host = sharedHost();

const ccIds = (ticket: ListItem | undefined): string[] =>
  ((ticket?.fields.Cc as Array<{ LookupId: unknown }> | undefined) ?? []).map((c) =>
    String(c.LookupId),
  );

describe('contacts of a new ticket', () => {
  it('when a mail has Cc and other To recipients, then they are the Cc contacts, the support address never', async () => {
    const { tenant, support } = await freshTenant();
    const raw = mail({
      from: '"Anna Example" <Anna@Example.com>',
      to: `Helpdesk <${support.toUpperCase()}>, "Bo Boss" <bo@example.com>`,
      cc: `"Carla IT" <CARLA@example.org>, ${support}, anna@example.com`,
    });
    const res = await postMail(host.url, raw, support);
    expect((await processed(tenant, res.body.id)).outcome).toBe('ticket-created');

    const contacts = await readList(tenant, 'Contacts');
    const byEmail = new Map(contacts.map((c) => [String(c.fields.Email), c]));
    expect([...byEmail.keys()].sort()).toEqual([
      'anna@example.com',
      'bo@example.com',
      'carla@example.org',
    ]);
    expect(byEmail.get('carla@example.org')?.fields.Title).toBe('Carla IT');
    const [ticket] = await readList(tenant, 'Tickets');
    expect(String(ticket?.fields.RequesterLookupId)).toBe(byEmail.get('anna@example.com')?.id);
    expect(ccIds(ticket).sort()).toEqual(
      [byEmail.get('bo@example.com')?.id, byEmail.get('carla@example.org')?.id].sort(),
    );
  });

  it('when a Cc is already a contact in other case, then that contact is reused', async () => {
    const { tenant, support } = await freshTenant();
    const first = await postMail(
      host.url,
      mail({ from: 'carla@example.org', to: support }),
      support,
    );
    await processed(tenant, first.body.id);
    const second = await postMail(
      host.url,
      mail({ to: support, cc: 'Carla <Carla@Example.ORG>', subject: 'Scanner' }),
      support,
    );
    await processed(tenant, second.body.id);
    const contacts = await readList(tenant, 'Contacts');
    expect(contacts.map((c) => c.fields.Email).sort()).toEqual([
      'anna@example.com',
      'carla@example.org',
    ]);
    const scanner = (await readList(tenant, 'Tickets')).find((t) => t.fields.Title === 'Scanner');
    expect(ccIds(scanner)).toEqual([
      contacts.find((c) => c.fields.Email === 'carla@example.org')?.id,
    ]);
  });
});
