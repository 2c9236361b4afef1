/**
 * Case `index` of a run with seed `seed`, drawn by fast-check from that pair alone, so any case
 * is reproduced without the ones before it. The first cases are the hostile shapes, unchanged.
 */
import fc from 'fast-check';

import { fileNameArb, htmlArb, plainTextArb } from './generate';
import { mailArb } from './mime';
import { mutate, mutationsArb } from './mutate';
import type { Seeds } from './seeds';

/** What a case's bytes are: a whole mail, an HTML body, a text body, or a JSON list of names. */
export type Target = 'mail' | 'html' | 'text' | 'names';

export interface FuzzCase {
  target: Target;
  input: Buffer;
  /** How the case was made, without content: for the crash record. */
  origin: string;
}

function fixedCases(seeds: Seeds): FuzzCase[] {
  const hostile = seeds.hostile.map((h) => ({
    target: 'mail' as const,
    input: h.raw,
    origin: `hostile: ${h.desc}`,
  }));
  const bodies = seeds.bodies.flatMap((input, i) => [
    { target: 'html' as const, input, origin: `hostile body ${i}` },
    { target: 'text' as const, input, origin: `hostile body ${i}` },
  ]);
  return [...hostile, ...bodies];
}

function caseArb(seeds: Seeds): fc.Arbitrary<FuzzCase> {
  const { mails, bodies } = seeds;
  const pick = (list: readonly Buffer[]): fc.Arbitrary<[number, Buffer]> =>
    fc.integer({ min: 0, max: list.length - 1 }).map((i) => [i, list[i] ?? Buffer.alloc(0)]);
  const mutated = (list: readonly Buffer[], target: Target, what: string): fc.Arbitrary<FuzzCase> =>
    fc.tuple(pick(list), mutationsArb).map(([[i, seed], ops]) => ({
      target,
      input: mutate(seed, ops, mails),
      origin: `${what} ${i}, ${ops.map((o) => o.op).join('+')}`,
    }));
  const made = (arb: fc.Arbitrary<string | Buffer>, target: Target): fc.Arbitrary<FuzzCase> =>
    arb.map((v) => ({ target, input: Buffer.from(v), origin: `generated ${target}` }));
  return fc.oneof(
    { weight: 8, arbitrary: mutated(mails, 'mail', 'mutated mail seed') },
    {
      weight: 1,
      arbitrary: pick(mails).map(([i, input]): FuzzCase => ({
        target: 'mail',
        input,
        origin: `mail seed ${i}`,
      })),
    },
    { weight: 3, arbitrary: made(mailArb, 'mail') },
    { weight: 2, arbitrary: made(htmlArb, 'html') },
    { weight: 1, arbitrary: mutated(bodies, 'html', 'mutated hostile body') },
    { weight: 1, arbitrary: mutated(mails, 'html', 'mail seed as HTML') },
    { weight: 1, arbitrary: made(plainTextArb, 'text') },
    { weight: 1, arbitrary: mutated(mails, 'text', 'mail seed as text') },
    {
      weight: 1,
      arbitrary: made(
        fc.array(fileNameArb, { maxLength: 8 }).map((n) => JSON.stringify(n)),
        'names',
      ),
    },
  );
}

export interface CaseSource {
  fixed: number;
  at(index: number): FuzzCase;
}

export function caseSource(seeds: Seeds, seed: number): CaseSource {
  const fixed = fixedCases(seeds);
  const arb = caseArb(seeds);
  return {
    fixed: fixed.length,
    at(index) {
      const known = fixed[index];
      if (known) return known;
      // One fast-check seed per (run seed, case index): a 32-bit mix of the two.
      const caseSeed = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index, 0xc2b2ae35);
      const [c] = fc.sample(arb, { seed: caseSeed | 0, numRuns: 1 });
      if (!c) throw new Error('fast-check drew no case');
      return c;
    },
  };
}
