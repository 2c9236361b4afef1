/**
 * Which library path the recovery reads an original from: only the Mail Log's own folder, as the
 * Mail Log writes it (server-relative, `…/_mail-log/{yyyy-mm}/{MailKey}.eml`); anything else an
 * agent may have typed into the Original column is refused with a code.
 */
import { keptOriginalSegments } from '../../../lib/sharepoint/mailLog';

const KEY = 'ab'.repeat(32);

describe('keptOriginalSegments', () => {
  it.each([
    `/sites/helpdesk/Ticket Attachments/_mail-log/2026-03/${KEY}.eml`,
    `/sites/helpdesk/Ticket%20Attachments/_mail-log/2026-03/${KEY}.eml`,
  ])('when the column holds %s, then the path inside the library is read', (original) => {
    expect(keptOriginalSegments(original)).toEqual(['_mail-log', '2026-03', `${KEY}.eml`]);
  });

  it.each([
    '',
    `/sites/helpdesk/Ticket Attachments/12/original.eml`,
    `/sites/helpdesk/Ticket Attachments/_mail-log/2026-03/../../12/original.eml`,
    `/sites/helpdesk/Ticket Attachments/_mail-log/2026-03/sub/${KEY}.eml`,
    `/sites/helpdesk/Ticket Attachments/_mail-log/latest/${KEY}.eml`,
    `/sites/helpdesk/Ticket Attachments/_mail-log/2026-03/${KEY}.exe`,
  ])('when the column holds %j, then it is refused (invalid-folder)', (original) => {
    expect(() => keptOriginalSegments(original)).toThrow(
      expect.objectContaining({ code: 'invalid-folder' }),
    );
  });
});
