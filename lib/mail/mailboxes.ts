/**
 * The address specs of an address field, read by nodemailer's addressparser: the parser
 * mailparser itself uses, so the door and the pipeline agree on what a field names. Display
 * names and comments never yield an address; groups give their members.
 */
import addressparser from 'nodemailer/lib/addressparser';

import { isMailbox } from './headerFields';

/** Lower-cased address specs of a field value, groups flattened, in order. */
export function mailboxesOf(value: string): string[] {
  return addressparser(value, { flatten: true })
    .map((entry) => entry.address.toLowerCase())
    .filter((address) => address.includes('@') && isMailbox(address));
}
