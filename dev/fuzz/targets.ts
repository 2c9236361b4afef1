/**
 * What one case runs: the mail path as the door and the pipeline run it, step by step, with the
 * CPU time of each step, and what the output promises (invariants.ts). A clean refusal (a PermanentError with a code the parser documents) ends
 * the case without a crash; any other exception is a crash.
 */
import { isPermanent } from '../../lib/errors';
import { classify } from '../../lib/mail/classify';
import { candidateRecipients, readHeaderSection } from '../../lib/mail/envelope';
import { type NamingFacts, attachmentName, attachmentNames } from '../../lib/mail/attachmentName';
import { sanitizeMailHtml, textToHtml } from '../../lib/mail/html';
import { parseMail } from '../../lib/mail/parse';
import { cutReply } from '../../lib/mail/reply';
import { cutReplyHtml } from '../../lib/mail/replyHtml';
import { MAX_TEXT_PART_BYTES } from '../../lib/mail/textCap';
import { commentBody, ticketBody, ticketTitle } from '../../lib/mail/ticketFields';
import { folderFileNames, safeFileName } from '../../lib/sharepoint/fileName';
import type { Target } from './cases';
import { checkBody, checkNames, checkTitle } from './invariants';

const REFUSALS = new Set([
  'mail-unparseable',
  'mail-header-too-large',
  'mail-structured-fields-too-large',
  'mail-too-deep',
  'mail-too-many-header-fields',
  'mail-too-many-parts',
]);

export class CaseError extends Error {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(`${step}: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
  }
}

/** CPU milliseconds per step of the case. */
export type Steps = Record<string, number>;

async function timed<T>(steps: Steps, step: string, work: () => T | Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  try {
    return await work();
  } catch (err) {
    throw new CaseError(step, err);
  } finally {
    const { user, system } = process.cpuUsage(cpu);
    steps[step] = (steps[step] ?? 0) + (user + system) / 1000;
  }
}

async function mail(raw: Buffer, steps: Steps): Promise<void> {
  const door = await timed(steps, 'readHeaderSection', () => readHeaderSection(raw));
  if (door.ok) await timed(steps, 'candidateRecipients', () => candidateRecipients(door.fields));
  let parsed;
  try {
    parsed = await timed(steps, 'parseMail', () => parseMail(raw));
  } catch (err) {
    const cause = (err as CaseError).cause;
    if (isPermanent(cause) && REFUSALS.has(cause.code)) return;
    throw err;
  }
  const m = parsed;
  await timed(steps, 'classify', () => classify(m, { ownAddresses: ['support@contoso.com'] }));
  await timed(steps, 'ticketTitle', () => checkTitle(ticketTitle(m.subject)));
  await timed(steps, 'ticketBody', () => checkBody(ticketBody(m)));
  await timed(steps, 'commentBody', () => checkBody(commentBody(m)));
  await timed(steps, 'attachmentNames', () => attachmentNames(m.attachments));
  await timed(steps, 'folderFileNames', () =>
    checkNames(folderFileNames(m.attachments.map(attachmentName), { ticketFolder: true })),
  );
}

async function html(input: string, steps: Steps): Promise<void> {
  await timed(steps, 'sanitizeMailHtml', () => sanitizeMailHtml(input));
  await timed(steps, 'cutReplyHtml', () => cutReplyHtml(input));
  await timed(steps, 'commentBody', () => checkBody(commentBody({ html: input, text: undefined })));
  await timed(steps, 'ticketBody', () => checkBody(ticketBody({ html: input, text: undefined })));
}

async function text(input: string, steps: Steps): Promise<void> {
  await timed(steps, 'cutReply', () => cutReply(input));
  await timed(steps, 'textToHtml', () => textToHtml(input));
  await timed(steps, 'commentBody', () => checkBody(commentBody({ text: input, html: undefined })));
  await timed(steps, 'ticketTitle', () => checkTitle(ticketTitle(input)));
}

async function names(input: string, steps: Steps): Promise<void> {
  const wanted = JSON.parse(input) as string[];
  const facts = wanted.map((filename): NamingFacts => ({
    filename,
    contentType: 'application/octet-stream',
    declaredContentType: undefined,
    contentId: undefined,
    description: undefined,
    location: undefined,
  }));
  await timed(steps, 'attachmentNames', () => attachmentNames(facts));
  await timed(steps, 'safeFileName', () => wanted.map(safeFileName));
  await timed(steps, 'folderFileNames', () =>
    checkNames(folderFileNames(wanted, { ticketFolder: false })),
  );
}

/** Runs the case; `steps` is filled as it goes, so a failing case still shows its costs. */
export async function runTarget(target: Target, input: Buffer, steps: Steps): Promise<void> {
  if (target === 'mail') await mail(input, steps);
  else if (target === 'names') await names(input.toString(), steps);
  // A parsed mail hands a body of at most one text part on (textCap.ts); bigger ones are not real.
  const body = (): string => input.subarray(0, MAX_TEXT_PART_BYTES).toString();
  if (target === 'html') await html(body(), steps);
  else if (target === 'text') await text(body(), steps);
}
