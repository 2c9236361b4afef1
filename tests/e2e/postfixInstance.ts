/**
 * A private Postfix instance for one test file: its own config, queue and data directories under
 * a temp dir, smtpd on a free loopback port, no system mail touched. Mail for the helpdesk domain
 * goes through the pipe transport into bin/helpdesk-mailgate.mjs, run as `nobody` (pipe(8) never
 * runs a command as root); mail for SENDER_DOMAIN is kept in a Maildir, where bounces land.
 * Starting Postfix needs root and Debian's postfix package (.ci/run installs it).
 */
import { execFile, execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { REPO_ROOT } from '../../dev/settings';
import { eventually } from './support';

const POSTFIX = '/usr/sbin/postfix';
const POSTQUEUE = '/usr/sbin/postqueue';
const run = promisify(execFile);

/** The domain test mail comes from; Postfix delivers its mail (the bounces) to a Maildir. */
export const SENDER_DOMAIN = 'sender.test';

export interface PostfixOptions {
  /** The domain routed to the gate (the tenant's support address domain). */
  helpdeskDomain: string;
  /** The functions host's /api/inbound. */
  inboundUrl: string;
  functionKey: string;
}

export interface PostfixInstance {
  smtpPort: number;
  /** The queue as `postqueue -j` lists it: one object per queued mail. */
  queue(): Promise<QueuedMail[]>;
  /** `postqueue -f`: deliver every deferred mail now, dead destinations included. */
  flush(): Promise<void>;
  /** Every mail delivered to SENDER_DOMAIN so far (the bounces), raw. */
  bounces(): Promise<string[]>;
  /** The instance's own log, for a failing test's message. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

export interface QueuedMail {
  queue_id: string;
  queue_name: string;
  recipients: { address: string; delay_reason?: string }[];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function uidOf(user: string, flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function requirePostfix(): void {
  if (!existsSync(POSTFIX)) {
    throw new Error(`Postfix is not installed (${POSTFIX}): .ci/run installs Debian's postfix`);
  }
  if (process.getuid?.() !== 0) throw new Error('starting a private Postfix instance needs root');
  if (/\s/.test(REPO_ROOT + process.execPath)) {
    throw new Error('the checkout and node must live at paths without spaces (master.cf argv)');
  }
}

function mainCf(dir: string, domain: string): string {
  const nobody = uidOf('nobody', '-u');
  return `compatibility_level = 3.6
queue_directory = ${dir}/queue
data_directory = ${dir}/data
maillog_file = ${dir}/maillog
maillog_file_prefixes = ${dir}
myhostname = mailgate-test.invalid
inet_interfaces = loopback-only
inet_protocols = ipv4
smtpd_peername_lookup = no
mydestination =
alias_maps =
alias_database =
# Only the helpdesk domain and the senders' domain are accepted: any other is refused.
smtpd_relay_restrictions = reject_unauth_destination
relay_domains = ${domain}
transport_maps = texthash:${dir}/conf/transport
helpdesk_destination_recipient_limit = 1
virtual_mailbox_domains = ${SENDER_DOMAIN}
virtual_mailbox_base = ${dir}/mail
virtual_mailbox_maps = static:inbox/
virtual_uid_maps = static:${nobody}
virtual_gid_maps = static:${uidOf('nobody', '-g')}
# Retries come quickly; the test still flushes the queue rather than wait for one.
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
`;
}

function masterCf(dir: string, port: number, options: PostfixOptions): string {
  const gate = join(dir, 'bin', 'helpdesk-mailgate.mjs');
  // pickup is there for `postqueue -f`, which asks it whether the mail system is up.
  return `127.0.0.1:${port} inet n - n - - smtpd
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
flush unix n - n 1000? 0 flush
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
proxymap unix - - n - - proxymap
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
virtual unix - n n - - virtual
helpdesk unix - n n - - pipe
  flags=DR user=nobody argv=${process.execPath} ${gate}
  --url ${options.inboundUrl} --recipient \${recipient} --key-file ${dir}/key
`;
}

export async function startPostfix(options: PostfixOptions): Promise<PostfixInstance> {
  requirePostfix();
  const dir = mkdtempSync(join(tmpdir(), 'postfix-'));
  chmodSync(dir, 0o755); // Postfix's daemons and `nobody` walk into it
  for (const sub of ['conf', 'queue', 'data', 'mail', 'bin']) mkdirSync(join(dir, sub));
  // The checkout may lie in a directory `nobody` cannot enter (a private temp dir, a home), so
  // the pipe runs a copy of the gate, which needs nothing but Node's built-ins.
  copyFileSync(
    join(REPO_ROOT, 'bin', 'helpdesk-mailgate.mjs'),
    join(dir, 'bin', 'helpdesk-mailgate.mjs'),
  );
  chmodSync(join(dir, 'bin', 'helpdesk-mailgate.mjs'), 0o644);
  await run('runuser', ['-u', 'nobody', '--', process.execPath, '--version']).catch((err) => {
    throw new Error(`user nobody cannot run ${process.execPath}: ${String(err)}`, { cause: err });
  });
  chownSync(join(dir, 'data'), uidOf('postfix', '-u'), uidOf('postfix', '-g'));
  chownSync(join(dir, 'mail'), uidOf('nobody', '-u'), uidOf('nobody', '-g'));
  writeFileSync(join(dir, 'key'), `${options.functionKey}\n`, { mode: 0o400 });
  chownSync(join(dir, 'key'), uidOf('nobody', '-u'), uidOf('nobody', '-g'));
  const smtpPort = await freeLoopbackPort();
  writeFileSync(join(dir, 'conf', 'main.cf'), mainCf(dir, options.helpdeskDomain));
  writeFileSync(join(dir, 'conf', 'master.cf'), masterCf(dir, smtpPort, options));
  writeFileSync(join(dir, 'conf', 'transport'), `${options.helpdeskDomain} helpdesk:\n`);
  const conf = ['-c', join(dir, 'conf')];
  const log = () => readFile(join(dir, 'maillog'), 'utf8').catch(() => '');
  try {
    await run(POSTFIX, [...conf, 'start']);
  } catch (err) {
    throw new Error(`postfix start failed: ${String(err)}\n${await log()}`, { cause: err });
  }
  const inbox = join(dir, 'mail', 'inbox', 'new');
  return {
    smtpPort,
    log,
    queue: async () => {
      const { stdout } = await run(POSTQUEUE, [...conf, '-j']);
      return stdout
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as QueuedMail);
    },
    flush: async () => {
      await run(POSTQUEUE, [...conf, '-f']);
    },
    bounces: async () => {
      const names = existsSync(inbox) ? await readdir(inbox) : [];
      return Promise.all(names.map((name) => readFile(join(inbox, name), 'utf8')));
    },
    stop: async () => {
      const pid = Number(await readFile(join(dir, 'queue', 'pid', 'master.pid'), 'utf8'));
      await run(POSTFIX, [...conf, 'stop']);
      await eventually(async () => (alive(pid) ? undefined : true), 30_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
