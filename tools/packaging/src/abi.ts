// Which runtime a native module (.node file) was built for, read from its ELF dynamic symbols, so that
// the package step can refuse one compiled against Node's headers for an Electron app: Electron loads
// only modules built for its own NODE_MODULE_VERSION, or ABI-stable N-API ones, and fails at start-up
// on the polling-station PC otherwise.
import { readFileSync, statSync } from 'node:fs';

/** What a .node file was built for, or why it cannot be told. */
export type AddonAbi =
  | { kind: 'napi' }
  | { kind: 'node-module-version'; version: number }
  | { kind: 'refused'; reason: string };

/** A .node file is a shared object of a few MB; anything far larger is not one. */
const MAX_ADDON_BYTES = 64 * 1024 * 1024;
const SHT_DYNSYM = 11;
const MACHINES: Record<string, number> = { x64: 62, arm64: 183 };

/** Reads the ABI of the addon at `file`, built for Linux on `arch` (x64 or arm64). */
export function readAddonAbi(file: string, arch: string): AddonAbi {
  const size = statSync(file).size;
  if (size > MAX_ADDON_BYTES) return { kind: 'refused', reason: `${size} bytes, more than a native module's ${MAX_ADDON_BYTES}` };
  let symbols: ElfSymbols;
  try {
    symbols = readDynamicSymbols(readFileSync(file), MACHINES[arch]);
  } catch (error) {
    return { kind: 'refused', reason: (error as Error).message };
  }
  // NODE_MODULE_INIT and NODE_MODULE_INITIALIZER export node_register_module_v<NODE_MODULE_VERSION>.
  for (const name of symbols.defined) {
    const match = /^node_register_module_v(\d+)$/.exec(name);
    if (match) return { kind: 'node-module-version', version: Number(match[1]) };
  }
  // A module calling V8 or node:: C++ directly is tied to one ABI even without the exported marker.
  const cxx = symbols.undefined.find((name) => name.startsWith('_ZN2v8') || name.startsWith('_ZN4node'));
  if (cxx) return { kind: 'refused', reason: `it calls V8 or Node C++ (${cxx}) but names no NODE_MODULE_VERSION` };
  if (symbols.defined.includes('napi_register_module_v1') || symbols.undefined.includes('napi_module_register')) return { kind: 'napi' };
  return { kind: 'refused', reason: 'it registers neither as a Node-API module nor with a NODE_MODULE_VERSION' };
}

interface ElfSymbols {
  defined: string[];
  undefined: string[];
}

/** The names in an ELF64 little-endian shared object's .dynsym, split into defined and imported. */
export function readDynamicSymbols(bytes: Buffer, machine: number | undefined): ElfSymbols {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF shared object (these packages are built for Linux)');
  if (bytes[4] !== 2 || bytes[5] !== 1) throw new Error('not a 64-bit little-endian ELF file');
  const found = bytes.readUInt16LE(0x12);
  if (machine === undefined || found !== machine) throw new Error(`built for ELF machine ${found}, not the target's ${machine ?? 'unknown'}`);
  const sectionsAt = Number(bytes.readBigUInt64LE(0x28));
  const entrySize = bytes.readUInt16LE(0x3a);
  const count = bytes.readUInt16LE(0x3c);
  if (entrySize < 64 || sectionsAt + entrySize * count > bytes.length) throw new Error('its section table lies outside the file');
  const section = (index: number) => {
    const at = sectionsAt + index * entrySize;
    const offset = Number(bytes.readBigUInt64LE(at + 0x18));
    const size = Number(bytes.readBigUInt64LE(at + 0x20));
    if (index >= count || offset + size > bytes.length) throw new Error(`section ${index} lies outside the file`);
    return { type: bytes.readUInt32LE(at + 4), offset, size, link: bytes.readUInt32LE(at + 0x28) };
  };
  const dynsym = Array.from({ length: count }, (_, i) => section(i)).find((s) => s.type === SHT_DYNSYM);
  if (!dynsym) throw new Error('it has no dynamic symbol table');
  const strings = section(dynsym.link);
  const name = (offset: number) => {
    if (offset >= strings.size) throw new Error('a symbol name lies outside its string table');
    const start = strings.offset + offset;
    const end = bytes.indexOf(0, start);
    return bytes.toString('latin1', start, end < 0 || end > strings.offset + strings.size ? strings.offset + strings.size : end);
  };
  const symbols: ElfSymbols = { defined: [], undefined: [] };
  for (let at = dynsym.offset; at + 24 <= dynsym.offset + dynsym.size; at += 24) {
    const symbol = name(bytes.readUInt32LE(at));
    if (symbol === '') continue;
    (bytes.readUInt16LE(at + 6) === 0 ? symbols.undefined : symbols.defined).push(symbol);
  }
  return symbols;
}
