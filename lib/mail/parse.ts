/**
 * With parseInput.ts, the only file that imports mailparser. Everything else sees the project's
 * own ParsedMail.
 * Uses the streaming MailParser, not simpleParser: simpleParser buffers every attachment (about
 * 6x the message size in memory), while here each attachment is handed to `onAttachment` as a
 * stream and released as soon as it has been consumed. The MIME tree is watched alongside
 * (structure.ts) so the limits in limits.ts stop a hostile tree early, and what the watch finds
 * repairs headers and bodies that lie about their charset (repair.ts).
 */
import { Readable } from 'node:stream';

import { MailParser } from 'mailparser';

import { abortedError, currentSignal } from '../deadline';
import { PermanentError, TransientError } from '../errors';
import { type HeaderSection, headerFields, rawHeaders } from './headerFields';
import { refuseRootHeaders } from './headerGuard';
import {
  type AttachmentSink,
  type MailparserAttachment,
  drain,
  handleAttachment,
} from './parseAttachment';
import { fromSplitterError, resolveLimits } from './limits';
import { readHeaderSection, slices } from './parseInput';
import { locationsAsCids } from './contentLocation';
import { repairMime } from './mimeRepair';
import { applyRepairs } from './repair';
import { watchStructure } from './structure';
import { MAX_TEXT_PART_BYTES, capInlineText } from './textCap';
import type { AttachmentInfo, ParseOptions, ParsedMail } from './types';
import { MAX_UNPACKED_FILES } from './unpack';

export type { MailLimits } from './limits';
export type { MailStructure, ReportPart } from './structure';
export type {
  AttachmentInfo,
  AttachmentStream,
  MailAddress,
  ParseOptions,
  ParsedMail,
} from './types';

// mailparser converts HTML parts to text up to this length (the conversion is quadratic on some
// inputs) and fails the whole mail above it; capInlineText keeps every part below it (a decoded
// character takes at least one byte), so a 3 MB body of pasted screenshots is cut, not refused.
const MAX_HTML_TO_PARSE = MAX_TEXT_PART_BYTES;

export function parseMail(raw: Buffer | Readable, options: ParseOptions = {}): Promise<ParsedMail> {
  const limits = resolveLimits(options.limits);
  // A header section that would hold mailparser for seconds never reaches it (headerGuard.ts).
  const refused = Buffer.isBuffer(raw) && refuseRootHeaders(raw, limits.maxHeaderBytes);
  if (refused) return Promise.reject(refused);
  const onAttachment = options.onAttachment ?? drain;
  const parser = new MailParser({
    maxHtmlLengthToParse: MAX_HTML_TO_PARSE,
    skipTextLinks: true,
    // Delivery-status parts become attachments (kept as files) instead of text in the body;
    // classification reads them from `reports`.
    keepDeliveryStatus: true,
    // Handed on to mailparser's splitter: the watcher's limits, as a backstop.
    ...{ maxHeadSize: limits.maxHeaderBytes, maxChildNodes: limits.maxParts + 1 },
  });
  const textCap = capInlineText(parser);
  const input = Buffer.isBuffer(raw) ? Readable.from(slices(repairMime(raw, limits))) : raw;
  const attachments: AttachmentInfo[] = [];
  const sink: AttachmentSink = {
    onAttachment,
    attachments,
    budget: { files: MAX_UNPACKED_FILES },
    unpackedBody: {},
  };
  const pending: Promise<void>[] = [];
  let section: HeaderSection = { headers: new Map(), lines: new Map() };
  const body: { text: string | undefined; html: string | undefined } = {
    text: undefined,
    html: undefined,
  };
  let settled = false;
  const signal = currentSignal();

  return new Promise<ParsedMail>((resolve, reject) => {
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      input.unpipe(parser);
      input.unpipe(watch.splitter);
      // Stop the work already written into them too: a refused mail costs no more than needed.
      parser.destroy();
      watch.splitter.destroy();
      if (input !== raw) input.destroy();
      reject(
        err instanceof PermanentError || err instanceof TransientError
          ? err
          : (fromSplitterError(err, limits) ??
              new PermanentError('mail-unparseable', 'the mail could not be parsed', {
                cause: err,
              })),
      );
    };
    // The stage running the parse may run out of time (pipeline/runner.ts): the parser and its
    // input then stop here as well instead of running on, unseen, behind the next stage.
    const onAbort = (): void => fail(abortedError(signal?.reason));
    const watch = watchStructure(limits, fail);
    parser.on('headers', (h: Map<string, unknown>) => (section = { ...section, headers: h }));
    parser.on('headerLines', (lines: Array<{ key: string; line: string }>) => {
      section = { ...section, lines: rawHeaders(lines) };
    });
    parser.on('data', (data) => {
      if (data.type === 'text') {
        body.text = data.text || undefined;
        body.html = typeof data.html === 'string' && data.html ? data.html : undefined;
        return;
      }
      const done = handleAttachment(data as MailparserAttachment, sink);
      pending.push(done);
      done.catch(fail);
    });
    parser.on('error', fail);
    input.on('error', fail);
    parser.on('end', () => {
      Promise.all(pending)
        .then(async () => {
          const found = watch.result();
          // A mail whose body came only inside its winmail.dat (parseAttachment.ts).
          if (!body.text && !body.html) Object.assign(body, sink.unpackedBody);
          const fixed = await applyRepairs(section, found, attachments, body, readHeaderSection);
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          resolve({
            ...headerFields(fixed.section),
            text: fixed.text,
            html: locationsAsCids(fixed.html, attachments),
            bodyTruncated: textCap.truncated(),
            attachments,
            structure: found.structure,
            reports: found.reports,
          });
        })
        .catch(fail);
    });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    input.pipe(watch.splitter);
    input.pipe(parser);
  });
}
