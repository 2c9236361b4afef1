/**
 * Checks a compound file (MS-CFB, the container of an Outlook .msg) before msgreader reads it.
 * msgreader follows sector chains and the directory tree until they end, trusting the file: a
 * chain that loops, or runs into a free sector, holds it forever. Every chain it will follow
 * must end where the format says (ENDOFCHAIN) and the directory must be a tree; else the .msg is
 * kept as a file but not opened. Linear in the file's sectors.
 */
const END = 0xfffffffe;
const NONE = 0xffffffff;

const u32 = (b: Buffer, at: number): number => (at + 4 <= b.length ? b.readUInt32LE(at) : NONE);

/** Whether each chain starting at a sector of `table` ends in ENDOFCHAIN (memoised walk). */
function chainsEnd(table: Uint32Array): (start: number) => boolean {
  const state = new Uint8Array(table.length); // 0 unknown, 1 on the walk, 2 ends, 3 does not
  return (start) => {
    if (start === END) return true;
    const walk: number[] = [];
    let at = start;
    let ok = false;
    for (;;) {
      if (at >= table.length) break;
      if (state[at] === 2 || state[at] === 3) {
        ok = state[at] === 2;
        break;
      }
      if (state[at] === 1) break; // a loop
      state[at] = 1;
      walk.push(at);
      const next = table[at] as number;
      if (next === END) {
        ok = true;
        break;
      }
      at = next;
    }
    for (const s of walk) state[s] = ok ? 2 : 3;
    return ok;
  };
}

export function soundCompoundFile(data: Buffer): boolean {
  const shift = data.readUInt16LE(0x1e);
  if ((shift !== 9 && shift !== 12) || data.readUInt16LE(0x20) !== 6) return false;
  const size = 1 << shift;
  const sectors = Math.floor(data.length / size) - 1;
  const at = (s: number): number => (s + 1) * size;
  const fatCount = u32(data, 0x2c);
  const miniCount = u32(data, 0x40);
  const difatCount = u32(data, 0x48);
  if (sectors <= 0 || fatCount > sectors || miniCount > sectors || difatCount > sectors)
    return false;
  // The FAT's sectors: 109 listed in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++)
    fatSectors.push(u32(data, 0x4c + i * 4));
  let difat = u32(data, 0x44);
  for (let n = 0; n < difatCount && fatSectors.length < fatCount; n++) {
    if (difat >= sectors) return false;
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < fatCount; i++) {
      fatSectors.push(u32(data, at(difat) + i * 4));
    }
    difat = u32(data, at(difat) + size - 4);
  }
  if (fatSectors.length < fatCount || fatSectors.some((s) => s >= sectors)) return false;
  const fat = new Uint32Array(fatCount * (size / 4));
  fatSectors.forEach((s, k) =>
    fat.set(
      new Uint32Array(data.buffer.slice(data.byteOffset + at(s), data.byteOffset + at(s) + size)),
      k * (size / 4),
    ),
  );
  const fatEnds = chainsEnd(fat);
  const dirStart = u32(data, 0x30);
  const miniStart = u32(data, 0x3c);
  if (!fatEnds(dirStart) || (miniCount > 0 && !fatEnds(miniStart))) return false;
  const mini = new Uint32Array(miniCount * (size / 4));
  for (let s = miniStart, k = 0; k < miniCount; k++, s = fat[s] as number) {
    mini.set(
      new Uint32Array(data.buffer.slice(data.byteOffset + at(s), data.byteOffset + at(s) + size)),
      k * (size / 4),
    );
  }
  const miniEnds = chainsEnd(mini);
  // The directory: its entries, 128 bytes each, along its chain.
  const entries: number[] = [];
  for (let s = dirStart; s !== END; s = fat[s] as number) {
    for (let e = 0; e < size / 128; e++) entries.push(at(s) + e * 128);
  }
  const cutoff = u32(data, 0x38);
  const seen = new Uint8Array(entries.length);
  const todo = [0];
  while (todo.length > 0) {
    const index = todo.pop() as number;
    if (index === NONE) continue;
    if (index >= entries.length || seen[index]) return false;
    seen[index] = 1;
    const entry = entries[index] as number;
    const type = data[entry + 0x42];
    const start = u32(data, entry + 0x74);
    const small = type === 2 && u32(data, entry + 0x78) < cutoff;
    if ((type === 2 || type === 5) && !(small ? miniEnds(start) : fatEnds(start))) return false;
    todo.push(u32(data, entry + 0x44), u32(data, entry + 0x48), u32(data, entry + 0x4c));
  }
  return true;
}
