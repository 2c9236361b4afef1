/**
 * Reads a relay's form body (multipart/form-data or application/x-www-form-urlencoded) with
 * busboy, streaming: the body is counted as it arrives and refused once it passes the relay's
 * limit, and only the fields the relay's adapter asked for are kept, each at most
 * `maxFieldBytes`. Values are kept as bytes: a raw mail may carry 8-bit text in any charset, so
 * nothing is decoded here (busboy is told latin1, which maps bytes to characters one to one).
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import busboy from 'busboy';

import type { BodyRequest } from '../httpBody';

export interface FormLimits {
  /** The whole body, form overhead included. */
  maxBodyBytes: number;
  /** One kept field (the raw mail is the largest). */
  maxFieldBytes: number;
}

export type FormRead =
  { ok: true; fields: Map<string, Buffer> } | { ok: false; status: 400 | 413; error: string };

// A relay's form has a dozen fields; hundreds of parts are an attack, not a mail.
const MAX_PARTS = 100;

class TooLarge extends Error {}
class Settled extends Error {}

/**
 * Passes chunks on until `max` bytes have gone by, or until the form is refused already (a field
 * too large): then it fails the pipeline, so the rest of the body is not read.
 */
function byteLimit(max: number, settled: () => boolean): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > max) done(new TooLarge());
      else if (settled()) done(new Settled());
      else done(null, chunk);
    },
  });
}

/**
 * Reads the form. `watch`, when given, sees the kept fields each time one more has arrived; it
 * answers false once it has seen enough to refuse the request, and the rest of the body is then
 * not read (the caller gives its own answer, the form's is a plain 400).
 */
export async function readForm(
  request: BodyRequest,
  wanted: readonly string[],
  limits: FormLimits,
  watch?: (fields: ReadonlyMap<string, Buffer>) => boolean,
): Promise<FormRead> {
  const tooLarge = { ok: false, status: 413, error: 'request body too large' } as const;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isSafeInteger(declared) && declared > limits.maxBodyBytes) return tooLarge;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('content-type') ?? undefined },
      defCharset: 'latin1',
      limits: {
        fieldSize: limits.maxFieldBytes,
        fileSize: limits.maxFieldBytes,
        parts: MAX_PARTS,
        fields: MAX_PARTS,
        files: MAX_PARTS,
        headerPairs: 32,
      },
    });
  } catch {
    return { ok: false, status: 400, error: 'expected a form body (multipart or urlencoded)' };
  }
  const fields = new Map<string, Buffer>();
  let problem: FormRead | undefined;
  const keep = (name: string, value: Buffer): void => {
    if (fields.has(name)) problem ??= { ok: false, status: 400, error: `field ${name} twice` };
    else fields.set(name, value);
    if (watch && !watch(fields)) problem ??= { ok: false, status: 400, error: 'form refused' };
  };
  parser.on('field', (name, value, info) => {
    if (!wanted.includes(name)) return;
    if (info.valueTruncated) problem ??= tooLarge;
    else keep(name, Buffer.from(value, 'latin1'));
  });
  parser.on('file', (name, stream) => {
    // A body cut short (too large, refused) ends the part with an error: the form's answer
    // is already decided, so it needs no listener of its own beyond this one.
    stream.on('error', () => undefined);
    if (!wanted.includes(name)) {
      stream.resume();
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('limit', () => (problem ??= tooLarge));
    stream.on('end', () => keep(name, Buffer.concat(chunks)));
  });
  const tooMany = (): void => {
    problem ??= { ok: false, status: 400, error: `more than ${MAX_PARTS} form parts` };
  };
  parser.on('partsLimit', tooMany).on('fieldsLimit', tooMany).on('filesLimit', tooMany);
  const closed = new Promise<void>((resolve) => parser.once('close', resolve));
  const body = (request.body as AsyncIterable<Uint8Array> | null | undefined) ?? [];
  try {
    const settled = (): boolean => problem !== undefined;
    await pipeline(Readable.from(body), byteLimit(limits.maxBodyBytes, settled), parser);
    await closed;
  } catch (err) {
    if (err instanceof TooLarge) return tooLarge;
    if (!(err instanceof Settled)) return { ok: false, status: 400, error: 'malformed form body' };
  }
  return problem ?? { ok: true, fields };
}
