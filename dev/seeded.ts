/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit seeded generator, uniform in [0, 1).
 * Statistical quality is ample for picking faults and mail mixes, and the same seed gives the
 * same sequence, so every fault test, soak and benchmark can be repeated exactly.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
