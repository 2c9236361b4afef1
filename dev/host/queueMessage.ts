/**
 * How the host turns a stored queue message into what a Node handler receives, and where a queue
 * trigger's connection comes from.
 */
import type { TriggerMetadata } from '@azure/functions';
import type { DequeuedMessageItem } from '@azure/storage-queue';

import { ConfigError } from '../../lib/errors';
import type { QueueSettings } from './hostJson';

/** Strict base64 (RFC 4648 §4 alphabet, padded): what the SDKs write with base64 encoding. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export class UndecodableMessage extends Error {
  constructor() {
    super('message text is not valid base64');
    this.name = 'UndecodableMessage';
  }
}

/** The message text after the host.json `messageEncoding` (the host's `queueTrigger` string). */
export function decodeText(text: string, encoding: QueueSettings['messageEncoding']): string {
  if (encoding === 'none') return text;
  if (!BASE64.test(text)) throw new UndecodableMessage();
  return Buffer.from(text, 'base64').toString('utf8');
}

/**
 * The handler's input: the Node worker JSON-parses every string input and falls back to the
 * string itself, so `{"id":1}` arrives as an object and `42` as a number.
 */
export function handlerInput(decoded: string): unknown {
  try {
    return JSON.parse(decoded);
  } catch {
    return decoded;
  }
}

/** The trigger metadata with the worker's camelCase keys and ISO date strings. */
export function queueMetadata(message: DequeuedMessageItem, decoded: string): TriggerMetadata {
  return {
    id: message.messageId,
    dequeueCount: message.dequeueCount,
    insertionTime: message.insertedOn.toISOString(),
    expirationTime: message.expiresOn.toISOString(),
    nextVisibleTime: message.nextVisibleOn.toISOString(),
    popReceipt: message.popReceipt,
    queueTrigger: decoded,
  };
}

/**
 * The connection string a trigger's `connection` names. Like the host: empty means
 * AzureWebJobsStorage, and `X` falls back to the setting `AzureWebJobsX`.
 */
export function queueConnectionString(
  settings: Record<string, string>,
  connection: string | undefined,
  functionName: string,
): string {
  const name = connection?.trim() || 'AzureWebJobsStorage';
  const value = settings[name]?.trim() || settings[`AzureWebJobs${name}`]?.trim();
  if (!value) {
    throw new ConfigError(name, `is required: the connection of queue function '${functionName}'`);
  }
  return value;
}
