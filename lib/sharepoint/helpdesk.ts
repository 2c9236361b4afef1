/**
 * What the pipeline needs from a customer's helpdesk site, in the helpdesk's words. The Graph
 * implementation lives beside this file (graph client, schema, tickets, contacts); pure tests
 * may fake it.
 */

/** Where a tenant's helpdesk lives: its Entra tenant and the SharePoint site URL. */
export interface SiteRef {
  entraTenantId: string;
  siteUrl: string;
}

export interface Contact {
  id: string;
  email: string;
  name: string;
}

export interface NewTicket {
  title: string;
  /** Sanitised HTML. */
  body: string;
  requesterId: string;
  ccIds: string[];
  /** The support address that received the mail. */
  mailbox: string;
  mailKey: string;
}

export interface TicketRef {
  id: string;
  webUrl?: string;
}

export interface HelpdeskSite {
  /** The ticket whose MailKey is `mailKey`, if any (indexed column lookup). */
  findTicketByMailKey(mailKey: string): Promise<TicketRef | undefined>;
  /**
   * Creates the ticket. When another delivery of the same mail won the race, the unique MailKey
   * column refuses the second write; the implementation then returns the existing ticket.
   */
  createTicket(ticket: NewTicket): Promise<TicketRef>;
  /** Finds a contact by e-mail (case-insensitive) or creates it. */
  ensureContact(email: string, name: string): Promise<Contact>;
}

export interface HelpdeskDirectory {
  /** Opens a tenant's helpdesk site; site and list ids are resolved once and cached per tenant. */
  open(site: SiteRef): Promise<HelpdeskSite>;
}
