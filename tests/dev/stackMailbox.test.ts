/**
 * The README's local demo through the mailbox: `npm start` seeds the demo tenant's mailbox in
 * the Graph simulator and connects it once the host is up, so a mail put there with
 * `npm run send -- --mailbox` becomes a ticket and its message moves to Helpdesk/Processed.
 */
import { join } from 'node:path';

import { REPO_ROOT } from '../../dev/settings';
import { START_TEST_PORTS } from '../support/stack';
import { offset, run, startArgs, until } from './startKit';

const SUPPORT = 'support@contoso.com';
const sim = `https://localhost:${START_TEST_PORTS.GRAPH_SIM_PORT + offset}`;

async function folderOf(id: string): Promise<string | undefined> {
  const res = await fetch(`${sim}/_admin/mailboxes/${encodeURIComponent(SUPPORT)}/messages`);
  const { value } = (await res.json()) as { value: Array<{ id: string; folder: string }> };
  return value.find((m) => m.id === id)?.folder;
}

/** `npm run <tool>` beside the started stack, with the same settings. */
const devTool = (file: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'dev', file), ...args]);

it('when npm start is ready, then a mail sent with npm run send -- --mailbox becomes a ticket and moves to Helpdesk/Processed', async () => {
  const start = run(process.execPath, startArgs);
  try {
    await until('the ready line', () => /start: ready/.test(start.output()), 90_000);
    expect(start.output()).toContain(`connected ${SUPPORT} to contoso.sharepoint.com`);

    const send = devTool(
      'send.ts',
      '--mailbox',
      SUPPORT,
      join(REPO_ROOT, 'samples', 'printer.eml'),
    );
    expect(await send.exited).toBe(0);
    expect(send.output()).toMatch(/^201 /);
    const { id } = JSON.parse(send.output().replace(/^\d+ /, '')) as { id: string };

    // Moved there by the pipeline's end, once the ticket is written.
    const deadline = Date.now() + 60_000;
    while ((await folderOf(id)) !== 'Helpdesk/Processed') {
      if (Date.now() > deadline) throw new Error('the message never reached Helpdesk/Processed');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // What the README's demo runs next: the ticket, read through Graph as an agent sees it.
    const tickets = devTool('tickets.ts');
    expect(await tickets.exited).toBe(0);
    expect(tickets.output()).toMatch(/^1 ticket\(s\)/);
    expect(tickets.output()).toContain('The printer on floor 3 prints blank pages');
  } finally {
    if (start.child.pid) process.kill(start.child.pid, 'SIGTERM');
    await start.exited;
  }
}, 200_000);
