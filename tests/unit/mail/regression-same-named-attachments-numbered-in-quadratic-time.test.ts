/**
 * A mail may carry up to 1,000 parts (limits.ts), and a sender chooses their names. Numbering
 * same-named files ("x.pdf", "x 1.pdf", "x 2.pdf", …) tried every number from 1 again for each
 * file: 1,000 attachments named alike cost 3.2 s of CPU in attachmentNames and 3.8 s in
 * folderFileNames on a busy 2-core machine (found by npm run fuzz). Linear, they take a few ms;
 * the bound is CPU time, so other work on the machine does not count.
 */
import { type NamingFacts, attachmentNames } from '../../../lib/mail/attachmentName';
import { folderFileNames } from '../../../lib/sharepoint/fileName';
import { bestCpuMs } from '../../support/cpuBudget';

const COUNT = 1000;
const BOUND_MS = 500;
const NAME = `${'x'.repeat(100)}.pdf`;

const cpuMs = async (work: () => unknown): Promise<number> =>
  (await bestCpuMs(BOUND_MS, work)).cpuMs;

const facts = (filename: string): NamingFacts => ({
  filename,
  contentType: 'application/pdf',
  declaredContentType: undefined,
  contentId: undefined,
  description: undefined,
  location: undefined,
});

describe('numbering same-named files', () => {
  it(`when a mail has ${COUNT} attachments of one name, then they are named in linear time`, async () => {
    let names: string[] = [];
    expect(
      await cpuMs(() => (names = attachmentNames(Array(COUNT).fill(NAME).map(facts)))),
    ).toBeLessThan(BOUND_MS);
    expect(new Set(names).size).toBe(COUNT);
    expect(names.slice(0, 3)).toEqual([
      NAME,
      `${'x'.repeat(100)} 1.pdf`,
      `${'x'.repeat(100)} 2.pdf`,
    ]);
  });

  it(`when ${COUNT} files of one name go into a folder, then they are named in linear time`, async () => {
    let names: string[] = [];
    const wanted = Array<string>(COUNT).fill(NAME);
    expect(
      await cpuMs(() => (names = folderFileNames(wanted, { ticketFolder: true }))),
    ).toBeLessThan(BOUND_MS);
    expect(new Set(names).size).toBe(COUNT);
    expect(names.at(-1)).toBe(`${'x'.repeat(100)} 999.pdf`);
  });

  it('when names differ only in case, then they are still numbered apart', async () => {
    expect(attachmentNames(['a.pdf', 'A.pdf', 'a.PDF', 'A 1.pdf'].map(facts))).toEqual([
      'a.pdf',
      'A 1.pdf',
      'a 2.PDF',
      'A 1 1.pdf',
    ]);
    expect(
      folderFileNames(['a.pdf', 'A.pdf', 'a.PDF', 'a 1.pdf'], { ticketFolder: false }),
    ).toEqual(['a.pdf', 'A 1.pdf', 'a 2.PDF', 'a 1 1.pdf']);
  });
});
