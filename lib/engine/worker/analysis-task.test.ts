import { describe, expect, it } from "vitest";
import { BLOB_PIECE_BYTES, inPieces } from "./analysis-task";

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251);
const joined = (pieces: Uint8Array[]) => Buffer.concat(pieces);

describe("inPieces", () => {
  it.each([
    [0, 4, [0]],
    [1, 4, [1]],
    [4, 4, [4]],
    [5, 4, [4, 1]],
    [8, 4, [4, 4]],
    [9, 4, [4, 4, 1]],
  ])("cuts %i bytes into pieces of at most %i: %j", (n, size, lengths) => {
    const b = bytes(n);
    const pieces = inPieces(b, size);
    expect(pieces.map((p) => p.byteLength)).toEqual(lengths);
    expect(joined(pieces)).toEqual(Buffer.from(b));
  });

  it("makes views, not copies, and a megabyte is a piece by default", () => {
    const b = bytes(BLOB_PIECE_BYTES * 2 + 3);
    const pieces = inPieces(b);
    expect(pieces.map((p) => p.byteLength)).toEqual([BLOB_PIECE_BYTES, BLOB_PIECE_BYTES, 3]);
    expect(pieces.every((p) => p.buffer === b.buffer)).toBe(true);
    expect(BLOB_PIECE_BYTES).toBe(1024 * 1024);
  });
});
