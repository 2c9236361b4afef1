import { PermanentError } from '../../../lib/errors';
import { TENANT, graphError } from '../mailbox/fakes';
import { aComment, aTicketItem, outboxWorld, withTicket } from './outboxWorld';

const german = Object.assign({}, TENANT, { language: 'de' });

describe('runOutbox: texts', () => {
  it("writes with the site's template of the tenant's language, once per run, and our default for a key it lacks", async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.templates = [
      {
        key: 'reply',
        language: 'de',
        subject: 'AW: {{ticket.title}}',
        body: '{{comment.body}}<p>Ihr Team</p>',
      },
    ];
    w.site.add(aComment('60'));
    w.site.add(aTicketItem('7'));

    await w.run({ sweep: false }, german);

    const subjects = (await w.sent()).map((m) => m.subject).sort();
    expect(subjects).toEqual(['AW: Printer on fire', '[#7] Printer on fire']);
    expect((await w.sent()).find((m) => m.subject.startsWith('[#7]'))?.text).toContain('Hallo Ada');
    expect(w.site.calls.filter((c) => c === 'read templates')).toHaveLength(1);
  });

  it('waits when the templates cannot be read for now, and uses ours when they are refused for good', async () => {
    const w = outboxWorld();
    withTicket(w.site);
    w.site.add(aComment('61'));
    w.site.readTemplates = () => Promise.reject(graphError(503, 'ServiceUnavailable'));
    expect(await w.run()).toMatchObject({ sent: 0, waiting: 1 });
    expect(w.site.status('comments', '61')).toBe('To send');

    w.site.readTemplates = () => Promise.reject(new PermanentError('schema-mismatch', 'x'));
    expect(await w.run()).toMatchObject({ sent: 1 });
    expect((await w.sent())[0]?.subject).toBe('Re: [#7] Printer on fire');
    expect(w.log.events).toContainEqual(
      expect.objectContaining({
        event: 'outbound.template',
        outcome: 'defaults-used',
        code: 'schema-mismatch',
      }),
    );
  });
});
