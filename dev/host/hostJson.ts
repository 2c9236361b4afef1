/**
 * The parts of host.json the local host honours, with the defaults and bounds of the Functions
 * host (Storage extension 5.x, https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue#host-json).
 * A bad value stops the host with a message naming the key instead of silently using a default.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from '../settings';

export interface QueueSettings {
  /** Attempts before a failing message goes to `<queue>-poison`. */
  maxDequeueCount: number;
  /** Delay before a failed message is visible again (the retry delay, not the processing lease). */
  visibilityTimeoutMs: number;
  /** Messages fetched per poll. */
  batchSize: number;
  /** A new batch is fetched once in-flight messages drop to this number. */
  newBatchThreshold: number;
  /** Ceiling of the empty-queue polling back-off. */
  maxPollingIntervalMs: number;
  messageEncoding: 'base64' | 'none';
}

export interface HostConfig {
  queues: QueueSettings;
  /** `extensions.http.routePrefix`, "api" by default; may be empty. */
  routePrefix: string;
}

/**
 * "hh:mm:ss", "hh:mm:ss.fff" or "d.hh:mm:ss" (.NET TimeSpan, the format host.json uses) in ms;
 * `label` names the value in the error.
 */
export function parseDuration(value: unknown, label: string): number {
  const m =
    typeof value === 'string'
      ? /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(value.trim())
      : null;
  if (!m) throw new Error(`${label}: '${String(value)}' is not a duration (hh:mm:ss)`);
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = '0'] = m;
  if (Number(minutes) > 59 || Number(seconds) > 59) {
    throw new Error(`${label}: '${value as string}' has minutes or seconds above 59`);
  }
  const ms = Math.round(Number(`0.${fraction}`) * 1000);
  return (
    (((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 +
    ms
  );
}

function intIn(value: unknown, key: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${key}: must be a whole number between ${min} and ${max}`);
  }
  return value;
}

function objectAt(value: unknown, key: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`host.json ${key}: must be an object`);
  }
  return value as Record<string, unknown>;
}

export function parseHostJson(json: unknown): HostConfig {
  const root = objectAt(json, '(root)');
  const extensions = objectAt(root.extensions, 'extensions');
  const q = objectAt(extensions.queues, 'extensions.queues');
  const http = objectAt(extensions.http, 'extensions.http');
  const key = (name: string): string => `host.json extensions.queues.${name}`;

  // 32 is the Storage queue service's own limit on messages per Get Messages call.
  const batchSize = intIn(q.batchSize, key('batchSize'), 16, 1, 32);
  const encoding = q.messageEncoding ?? 'base64';
  if (encoding !== 'base64' && encoding !== 'none') {
    throw new Error(`${key('messageEncoding')}: must be "base64" or "none"`);
  }
  const maxPollingIntervalMs =
    q.maxPollingInterval === undefined
      ? 60_000
      : parseDuration(q.maxPollingInterval, key('maxPollingInterval'));
  // The host refuses polling intervals under 100 ms; so do we, it would hammer Azurite.
  if (maxPollingIntervalMs < 100) {
    throw new Error(`${key('maxPollingInterval')}: must be at least 00:00:00.100`);
  }
  // The queue service caps a message's invisibility at 7 days.
  const visibilityTimeoutMs =
    q.visibilityTimeout === undefined
      ? 0
      : parseDuration(q.visibilityTimeout, key('visibilityTimeout'));
  if (visibilityTimeoutMs > 7 * 24 * 3600 * 1000) {
    throw new Error(`${key('visibilityTimeout')}: must be at most 7 days`);
  }
  const routePrefix = http.routePrefix ?? 'api';
  if (typeof routePrefix !== 'string') {
    throw new Error('host.json extensions.http.routePrefix: must be a string');
  }
  return {
    queues: {
      maxDequeueCount: intIn(q.maxDequeueCount, key('maxDequeueCount'), 5, 1, 1000),
      visibilityTimeoutMs,
      batchSize,
      // The host's default is batchSize/2 per core; one emulated instance counts as one core.
      newBatchThreshold: intIn(
        q.newBatchThreshold,
        key('newBatchThreshold'),
        Math.floor(batchSize / 2),
        0,
        1000,
      ),
      maxPollingIntervalMs,
      messageEncoding: encoding,
    },
    routePrefix: routePrefix.replace(/^\/+|\/+$/g, ''),
  };
}

export function readHostJson(file = join(REPO_ROOT, 'host.json')): HostConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot be read as JSON`, { cause: err });
  }
  return parseHostJson(json);
}
