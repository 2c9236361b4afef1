/**
 * Watches the MIME tree of a mail while mailparser decodes it: enforces the structure limits as
 * parts appear (a hostile tree is stopped early, not after all of it was decoded), and collects
 * what mailparser does not expose: every part's type, the depth, the report type, the text of
 * report parts, the header sections needing repair and the raw bytes of text parts that are not
 * the UTF-8 they claim. It runs mailparser's own splitter (mailsplit) over the same bytes;
 * splitting is line scanning without decoding, cheap next to the parse. Only parse.ts uses it.
 */
import { isUtf8 } from 'node:buffer';

import { type MimeNode, Splitter, type SplitterChunk } from '@zone-eu/mailsplit';

import type { PermanentError } from '../errors';
import { hasEightBit } from './charset';
import { headerProblem, refusal } from './headerGuard';
import { type MailLimits, fromSplitterError, limitExceeded } from './limits';
import { type Capture, type Captured, captureKind, finish, partId } from './structureCapture';

export type { RawTextPart, ReportPart } from './structureCapture';

export interface MailStructure {
  /** MIME parts in the tree, containers included. */
  parts: number;
  /** Deepest nesting level; the root is 1. */
  depth: number;
  /** Content type of every part in tree order, lower-cased ('text/plain' when undeclared). */
  types: string[];
  /** `report-type` of the first multipart/report (RFC 6522 §3), lower-cased. */
  reportType: string | undefined;
}

export interface StructureResult extends Captured {
  structure: MailStructure;
  /** The root's header section as received. */
  rootHead: Buffer | undefined;
  /** The charset the mail declares first (root, else first text part): a hint for raw bytes. */
  charsetHint: string | undefined;
  /** Parts whose header section has raw 8-bit bytes that are not UTF-8, by part id. */
  rawHeaderParts: Set<string>;
}

function depthOf(node: MimeNode): number {
  let depth = 1;
  for (let p = node.parentNode; p; p = p.parentNode) depth++;
  return depth;
}

export function watchStructure(
  limits: MailLimits,
  onViolation: (err: PermanentError) => void,
): { splitter: Splitter; result: () => StructureResult } {
  // mailsplit's own guards back ours up with the same numbers (+1: it counts the root apart).
  const splitter = new Splitter({
    maxHeadSize: limits.maxHeaderBytes,
    maxChildNodes: limits.maxParts + 1,
  });
  const structure: MailStructure = { parts: 0, depth: 0, types: [], reportType: undefined };
  const out: StructureResult = {
    structure,
    rootHead: undefined,
    charsetHint: undefined,
    rawHeaderParts: new Set(),
    reports: [],
    embeddedHeads: new Map(),
    textParts: [],
  };
  let capture: Capture | undefined;
  let stopped = false;

  const violate = (err: PermanentError): void => {
    if (stopped) return;
    stopped = true;
    onViolation(err);
  };

  const onNode = (node: MimeNode): void => {
    if (capture) finish(capture, out);
    capture = undefined;
    structure.parts++;
    structure.depth = Math.max(structure.depth, depthOf(node));
    if (structure.parts > limits.maxParts) {
      return violate(limitExceeded('mail-too-many-parts', limits.maxParts));
    }
    if (structure.depth > limits.maxDepth) {
      return violate(limitExceeded('mail-too-deep', limits.maxDepth));
    }
    const headerIssue = node.headers && headerProblem(node.headers.getList().map((l) => l.line));
    if (headerIssue) return violate(refusal(headerIssue));
    const type = (node.contentType || 'text/plain').toLowerCase();
    structure.types.push(type);
    const head = node.getHeaders();
    if (node.root) out.rootHead = head;
    else if (hasEightBit(head) && !isUtf8(head)) out.rawHeaderParts.add(partId(node));
    if (node.charset && (node.root || type.startsWith('text/'))) out.charsetHint ??= node.charset;
    if (type === 'multipart/report' && structure.reportType === undefined && node.headers) {
      const header = node.headers.getFirst('content-type');
      structure.reportType =
        /report-type\s*=\s*"?([\w.-]+)/i.exec(header)?.[1]?.toLowerCase() ?? '';
    }
    const kind = captureKind(node, type, out);
    if (kind) capture = { node, kind, chunks: [], size: 0 };
  };

  splitter.on('data', (chunk: SplitterChunk) => {
    if (stopped) return;
    if (chunk.type === 'node') return onNode(chunk);
    if (!capture || chunk.type !== 'body' || chunk.node !== capture.node) return;
    if (capture.size < capture.kind.cap) {
      capture.chunks.push(chunk.value);
      capture.size += chunk.value.length;
    }
  });
  (splitter as NodeJS.EventEmitter).on('error', (err: unknown) => {
    const limit = fromSplitterError(err, limits);
    if (limit) violate(limit);
  });

  return {
    splitter,
    result: () => {
      if (capture) finish(capture, out);
      capture = undefined;
      return out;
    },
  };
}
