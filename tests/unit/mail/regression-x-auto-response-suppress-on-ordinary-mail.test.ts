// Notification senders and MimeKit users set X-Auto-Response-Suppress on ordinary mail; Discourse
// had to stop reading it as an auto-reply (discourse#21367). A customer's mail must stay a ticket.
import { classify } from '../../../lib/mail/classify';
import { parsed } from './fixtures';

it.each(['All', 'DR, RN, NRN, OOF, AutoReply', 'OOF'])(
  'when an ordinary mail carries X-Auto-Response-Suppress: %s, then it is normal',
  (value) => {
    const mail = parsed({ header: { 'X-Auto-Response-Suppress': value } });
    expect(classify(mail, { ownAddresses: [] }).kind).toBe('normal');
  },
);
