/**
 * Set-up shared by the mail tests of the Graph simulator: a simulator with two tenants, a
 * support mailbox in the first (in the app's RBAC scope), raw MIME to deliver, and calls as
 * tenant A with or without immutable ids.
 */
import {
  type RawResponse,
  type TestSimulator,
  startTestSimulator,
} from '../../dev/graph-sim/testing';

export const TENANT_A = '00000000-0000-4000-8000-0000000000aa';
export const TENANT_B = '00000000-0000-4000-8000-0000000000bb';
export const SUPPORT = 'support@contoso.example';
export const IMMUTABLE = { prefer: 'IdType="ImmutableId"' };

export interface MailSim {
  t: TestSimulator;
  userId: string;
  /** A Graph call as tenant A's app. */
  g(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<RawResponse>;
  /** Delivers raw MIME into a mailbox's Inbox; returns the immutable id. */
  deliver(raw: string, address?: string): Promise<string>;
  /** The admin view: every message with its folder path and categories. */
  adminMessages(address?: string): Promise<{ id: string; folder: string; categories: string[] }[]>;
}

export function mime(subject: string, extraHeaders: string[] = []): string {
  const headers = [
    'From: "Ada Customer" <ada@customer.example>',
    `To: ${SUPPORT}`,
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W/g, '')}@customer.example>`,
    'Date: Tue, 01 Dec 2026 10:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    ...extraHeaders,
  ];
  return [...headers, '', `Body of ${subject}.`, ''].join('\r\n');
}

/** Idempotent set-up: started again on the same state file, it finds what is there. */
export async function startMailSim(stateFile?: string): Promise<MailSim> {
  const t = await startTestSimulator(stateFile ? { stateFile } : {});
  await t.addTenant(TENANT_A, 'contoso.sharepoint.com', []);
  await t.addTenant(TENANT_B, 'fabrikam.sharepoint.com', []);
  const made = await t.admin('PUT', `/_admin/tenants/${TENANT_A}/mailboxes/${SUPPORT}`, {
    displayName: 'Contoso Support',
  });
  if (made.status !== 200) throw new Error(`mailbox: HTTP ${made.status}`);
  await t.admin('PUT', `/_admin/tenants/${TENANT_A}/mailboxes/${SUPPORT}/grant`);
  const deliver = async (raw: string, address = SUPPORT): Promise<string> => {
    const res = await fetch(`${t.url}/_admin/mailboxes/${address}/deliver`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: raw,
    });
    const body = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`deliver: HTTP ${res.status}`);
    return body.id;
  };
  return {
    t,
    userId: (made.body as { userId: string }).userId,
    g: (method, path, init) => t.graphFetch(TENANT_A, method, path, init),
    deliver,
    async adminMessages(address = SUPPORT) {
      const res = await t.admin('GET', `/_admin/mailboxes/${address}/messages`);
      return (res.body as { value: { id: string; folder: string; categories: string[] }[] }).value;
    },
  };
}

/** The error envelope's code and message. */
export function errorOf(res: RawResponse): { status: number; code: string; message: string } {
  const e = (res.body as { error: { code: string; message: string } }).error;
  return { status: res.status, code: e.code, message: e.message };
}
