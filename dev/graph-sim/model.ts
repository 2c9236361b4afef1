/**
 * The simulator's data model: tenants, sites, lists, items and drives as they are saved in the
 * state file. Types only, so every part of the simulator can share them without importing the
 * store (state.ts) or each other.
 */
import type { JWK } from 'jose';

import type { MailboxState } from './mail/model';
import type { SubscriptionState } from './mail/subscriptionsModel';

/** Lookup multi-values are id arrays; multi-choice values are string arrays. */
export type FieldValue = string | number | boolean | null | number[] | string[];

export interface ColumnDef {
  id: string;
  name: string;
  displayName: string;
  description: string;
  hidden: boolean;
  indexed: boolean;
  enforceUniqueValues: boolean;
  required: boolean;
  readOnly: boolean;
  columnGroup: string;
  /** Exactly one type facet, as Graph's columnDefinition carries it (docs/graph.md "Sites and lists"). */
  text?: { allowMultipleLines?: boolean; maxLength?: number; textType?: string };
  number?: Record<string, unknown>;
  boolean?: Record<string, unknown>;
  dateTime?: Record<string, unknown>;
  choice?: { choices?: string[]; allowTextEntry?: boolean; displayAs?: string };
  lookup?: { listId?: string; columnName?: string; allowMultipleValues?: boolean };
  personOrGroup?: { allowMultipleSelection?: boolean; chooseFromType?: string };
  /** Given to a new item that leaves the field out (columnDefaults.ts). */
  defaultValue?: { value?: string; formula?: string };
}

export interface ItemState {
  id: number;
  uniqueId: string;
  version: number;
  created: string;
  modified: string;
  appId: string;
  fields: Record<string, FieldValue>;
}

export interface DriveItemState {
  id: string;
  name: string;
  parentId: string | null;
  folder: boolean;
  size: number;
  mimeType: string;
  /** The file's bytes in the blob store (blobs.ts); folders have none. */
  blob?: string;
  /** Bytes as base64, as state files written before the blob store kept them. */
  content?: string;
  created: string;
  modified: string;
  version: number;
  appId: string;
}

export interface DriveState {
  id: string;
  rootId: string;
  items: Record<string, DriveItemState>;
}

export interface ListState {
  id: string;
  name: string;
  displayName: string;
  description: string;
  template: 'genericList' | 'documentLibrary';
  created: string;
  modified: string;
  columns: ColumnDef[];
  items: ItemState[];
  nextItemId: number;
  drive?: DriveState;
}

export interface SiteState {
  id: string;
  hostname: string;
  /** Server-relative path, e.g. /sites/helpdesk. */
  path: string;
  displayName: string;
  created: string;
  lists: ListState[];
}

export interface TenantState {
  id: string;
  hostname: string;
  sites: SiteState[];
  /** Exchange mailboxes (mail/model.ts); absent in state files written before mail existed. */
  mailboxes?: MailboxState[];
  /** Change-notification subscriptions (mail/subscriptionsModel.ts); absent in older state files. */
  subscriptions?: SubscriptionState[];
}

export interface SimState {
  version: 1;
  /** Ed25519 private JWK signing access tokens; kept so tokens stay valid across restarts. */
  signingKey: JWK | null;
  tenants: TenantState[];
}

/** What an upload does when the name is taken (Graph's @microsoft.graph.conflictBehavior). */
export type ConflictBehavior = 'fail' | 'replace' | 'rename';
