/** The relay doors (docs/relays.md): each takes its relay's request onto lib/inbound.ts. */
export { takeSendGrid } from './sendgrid';
export { takeMailgun } from './mailgun';
export { takePostmark } from './postmark';
