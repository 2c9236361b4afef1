/**
 * One attachment as mailparser hands it over: its facts, its bytes streamed to the consumer, and
 * for a container (winmail.dat, an attached .msg) the files inside it handed on right after it,
 * before mailparser moves on, so both parses of a mail see the same files in the same order.
 */
import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback, pipeline } from 'node:stream';

import { plainValue, structuredValue } from './headerFields';
import type { AttachmentInfo, AttachmentStream } from './types';
import { MAX_CONTAINER_BYTES, type UnpackBudget, containerKind, unpack } from './unpack';
import { UuDecoder, isUuencoded } from './uudecode';

export interface MailparserAttachment {
  content: Readable;
  contentType: string;
  filename?: string;
  cid?: string;
  partId?: string;
  related?: boolean;
  headers: Map<string, unknown>;
  size: number;
  checksum: string;
  release: () => void;
}

export interface AttachmentSink {
  onAttachment: (attachment: AttachmentStream) => Promise<void>;
  attachments: AttachmentInfo[];
  budget: UnpackBudget;
  /** The body a TNEF stream carried, for a mail that has none of its own. */
  unpackedBody: { text?: string | undefined; html?: string | undefined };
}

export async function drain(attachment: { content: Readable }): Promise<void> {
  for await (const _chunk of attachment.content) {
    // discard
  }
}

/** Passes bytes on and keeps a copy, up to a size (beyond it, none). */
class Keeper extends Transform {
  chunks: Buffer[] | undefined = [];
  private size = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.chunks && this.size <= MAX_CONTAINER_BYTES) this.chunks.push(chunk);
    else this.chunks = undefined;
    done(null, chunk);
  }
}

export function handleAttachment(data: MailparserAttachment, sink: AttachmentSink): Promise<void> {
  const partHeaders = data.headers;
  const info: AttachmentStream['info'] = {
    filename: data.filename,
    contentType: data.contentType,
    declaredContentType: structuredValue(partHeaders.get('content-type')),
    contentId: data.cid,
    description: plainValue(partHeaders.get('content-description')),
    location: plainValue(partHeaders.get('content-location')),
    partId: data.partId,
    related: data.related === true,
  };
  // x-uuencode is decoded on the way (mailparser passes it through); pipeline() carries a
  // stream error on to the consumer, so it fails instead of waiting for an end forever.
  const uu = isUuencoded(partHeaders.get('content-transfer-encoding')) && new UuDecoder();
  let content: Readable = uu ? pipeline(data.content, uu, () => undefined) : data.content;
  const kind = containerKind(info.declaredContentType ?? info.contentType, info.filename);
  const keeper = kind ? new Keeper() : undefined;
  if (keeper) content = pipeline(content, keeper, () => undefined);
  let recorded = false;
  const record = (): void => {
    if (recorded) return;
    recorded = true;
    const { size, checksum } = uu || data;
    sink.attachments.push({ ...info, size, checksum });
  };
  return sink
    .onAttachment({ info, content })
    .then(() => drain({ content }))
    .then(async () => {
      record();
      if (kind && keeper?.chunks) await handOn(kind, Buffer.concat(keeper.chunks), info, sink);
    })
    .finally(() => {
      record();
      data.release();
    });
}

async function handOn(
  kind: 'tnef' | 'msg',
  bytes: Buffer,
  container: AttachmentStream['info'],
  sink: AttachmentSink,
): Promise<void> {
  const found = unpack(kind, bytes, sink.budget);
  sink.unpackedBody.text ??= found.text;
  sink.unpackedBody.html ??= found.html;
  let n = 0;
  for (const file of found.files) {
    const info: AttachmentStream['info'] = {
      filename: file.name,
      contentType: file.contentType ?? 'application/octet-stream',
      declaredContentType: file.contentType,
      contentId: file.contentId,
      description: undefined,
      location: undefined,
      // Not a MIME part: numbered under the container's part, apart from real part numbers.
      partId: `${container.partId ?? ''}/${++n}`,
      related: false,
    };
    const content = Readable.from([file.content]);
    await sink.onAttachment({ info, content });
    await drain({ content });
    const checksum = createHash('md5').update(file.content).digest('hex');
    sink.attachments.push({ ...info, size: file.content.length, checksum });
  }
}
