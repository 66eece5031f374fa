// Expands uploaded archives (.zip, .tar, .tar.gz/.tgz, and gzip of any input) into the files they hold,
// in memory and within the snapshot's limits, before anything is parsed. A zip or gzip bomb is stopped
// before it is inflated: zip entries by their declared size (fflate never writes past it), gzip by
// zlib's maxOutputLength (in the browser, by feeding fflate small slices and stopping at the cap).
import { Gunzip, unzipSync } from "fflate";
import { parseTar } from "nanotar";
import type { Limits, SnapshotWarning } from "../types";
import { SnapshotError } from "./errors";
import { nodeZlib } from "./platform";

export interface ExpandedFile {
  /** File name, or `archive!/entry/path` for a file inside an archive. */
  name: string;
  data: Uint8Array;
  /** The bytes came out of a gzip stream (the file itself or the .tar.gz around it). */
  gzip: boolean;
}

/** Entry names the loader reads; other archive members (READMEs, charts' templates) are skipped. */
export const INPUT_ENTRY = /\.(ya?ml|json|jsonl|ndjson)(\.gz)?$/i;

const GZIP = [0x1f, 0x8b];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

function startsWith(data: Uint8Array, magic: readonly number[]): boolean {
  if (data.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (data[i] !== magic[i]) return false;
  return true;
}

export function isGzip(data: Uint8Array): boolean {
  return startsWith(data, GZIP);
}

function isZip(data: Uint8Array): boolean {
  return startsWith(data, ZIP) || startsWith(data, ZIP_EMPTY);
}

/** POSIX (ustar) and GNU tar headers carry "ustar" at offset 257. */
function isTar(data: Uint8Array): boolean {
  return (
    data.length >= 512 &&
    data[257] === 0x75 &&
    data[258] === 0x73 &&
    data[259] === 0x74 &&
    data[260] === 0x61 &&
    data[261] === 0x72
  );
}

const BUFFER_TOO_LARGE = "ERR_BUFFER_TOO_LARGE";
const SLICE = 16 * 1024;

/**
 * Without zlib (in the browser): fflate inflates each small input slice at once, so the output is checked
 * against the cap every ~16 MB at most (deflate's best ratio is about 1:1032), not after a bomb went off.
 */
function gunzipPortable(data: Uint8Array, cap: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const gunzip = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > cap) throw Object.assign(new Error("gzip output over the cap"), { code: BUFFER_TOO_LARGE });
    chunks.push(chunk);
  });
  for (let i = 0; i < data.length; i += SLICE) {
    gunzip.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Inflates gzip within `budget` bytes; several concatenated or nested layers are unwrapped. */
export function gunzipWithin(file: string, data: Uint8Array, budget: number, limits: Limits): Uint8Array {
  let out = data;
  // Nested gzip (a .gz of a .gz) is unwrapped a few times at most.
  for (let i = 0; i < 3 && isGzip(out); i++) {
    const cap = Math.max(1, Math.min(budget, limits.maxEntryBytes));
    try {
      out = nodeZlib ? nodeZlib.gunzipSync(out, { maxOutputLength: cap }) : gunzipPortable(out, cap);
    } catch (e) {
      if ((e as { code?: unknown }).code === BUFFER_TOO_LARGE) {
        throw cap === budget
          ? new SnapshotError(
              "too-large",
              `uncompressed input exceeds the limit of ${limits.maxBytes} bytes`,
              { file },
            )
          : new SnapshotError(
              "entry-too-large",
              `gzip data inflates beyond the per-file limit of ${limits.maxEntryBytes} bytes`,
              { file },
            );
      }
      throw new SnapshotError("syntax", "corrupt gzip data", { file });
    }
  }
  return out;
}

function countEntry(file: string, seen: { entries: number }, limits: Limits): void {
  if (++seen.entries > limits.maxArchiveEntries) {
    throw new SnapshotError("too-many-entries", `archive has more than ${limits.maxArchiveEntries} entries`, {
      file,
    });
  }
}

function checkEntrySize(file: string, size: number, budget: number, limits: Limits): void {
  if (size > limits.maxEntryBytes) {
    throw new SnapshotError(
      "entry-too-large",
      `archive entry is ${size} bytes uncompressed, over the per-file limit of ${limits.maxEntryBytes}`,
      { file },
    );
  }
  if (size > budget) {
    throw new SnapshotError("too-large", `uncompressed input exceeds the limit of ${limits.maxBytes} bytes`, {
      file,
    });
  }
}

function unzip(file: string, data: Uint8Array, budget: number, limits: Limits, warnings: SnapshotWarning[]) {
  const seen = { entries: 0 };
  let declared = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter(info) {
        if (info.name.endsWith("/")) return false;
        countEntry(file, seen, limits);
        if (!INPUT_ENTRY.test(info.name)) {
          warnings.push({
            file: `${file}!/${info.name}`,
            message: "skipped: not a .yaml, .yml, .json or .jsonl file",
          });
          return false;
        }
        declared += info.originalSize;
        checkEntrySize(
          `${file}!/${info.name}`,
          info.originalSize,
          budget - declared + info.originalSize,
          limits,
        );
        return true;
      },
    });
  } catch (e) {
    if (e instanceof SnapshotError) throw e;
    throw new SnapshotError(
      "archive",
      `unreadable zip archive: ${e instanceof Error ? e.message : String(e)}`,
      {
        file,
      },
    );
  }
  return Object.keys(files)
    .sort()
    .map((name) => ({ name, data: files[name] ?? new Uint8Array() }));
}

function untar(file: string, data: Uint8Array, budget: number, limits: Limits, warnings: SnapshotWarning[]) {
  // nanotar reads `data.buffer` whole, so a view into a larger buffer is copied first.
  const exact = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
  const seen = { entries: 0 };
  let total = 0;
  let items;
  try {
    items = parseTar(exact, {
      filter(meta) {
        if (meta.type !== "file" && meta.type !== "contiguousFile") return false;
        countEntry(file, seen, limits);
        if (!INPUT_ENTRY.test(meta.name)) {
          warnings.push({
            file: `${file}!/${meta.name}`,
            message: "skipped: not a .yaml, .yml, .json or .jsonl file",
          });
          return false;
        }
        total += meta.size;
        checkEntrySize(`${file}!/${meta.name}`, meta.size, budget - total + meta.size, limits);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof SnapshotError) throw e;
    throw new SnapshotError(
      "archive",
      `unreadable tar archive: ${e instanceof Error ? e.message : String(e)}`,
      {
        file,
      },
    );
  }
  return items
    .map((it) => ({ name: it.name, data: it.data ?? new Uint8Array() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Turns one upload into the files to parse: itself (gunzipped when needed), or the members of the zip or
 * tar archive it is. `budget` is the number of uncompressed bytes still allowed for the whole snapshot.
 */
export function expandInput(
  name: string,
  raw: Uint8Array,
  limits: Limits,
  budget: number,
  warnings: SnapshotWarning[],
): ExpandedFile[] {
  const gzip = isGzip(raw);
  const data = gzip ? gunzipWithin(name, raw, budget, limits) : raw;
  let members: { name: string; data: Uint8Array }[];
  if (isZip(data)) members = unzip(name, data, budget, limits, warnings);
  else if (isTar(data)) members = untar(name, data, budget, limits, warnings);
  else return [{ name, data, gzip }];
  if (members.length === 0)
    warnings.push({ file: name, message: "archive holds no .yaml, .yml or .json file" });
  // Every member is held until the files are parsed, so a gzipped member inflates within what the
  // others leave of the budget (its own compressed bytes are given back once it is inflated).
  let used = members.reduce((n, m) => n + m.data.length, 0);
  return members.flatMap((m) => {
    const file = `${name}!/${m.name}`;
    // Members may themselves be gzipped (.yaml.gz inside a tar); archives inside archives are not opened.
    const inner = isGzip(m.data) ? gunzipWithin(file, m.data, budget - used + m.data.length, limits) : m.data;
    used += inner.length - m.data.length;
    if (isZip(inner) || isTar(inner)) {
      warnings.push({ file, message: "skipped: archives inside archives are not opened" });
      return [];
    }
    return [{ name: file, data: inner, gzip: gzip || inner !== m.data }];
  });
}
