// SnapshotError is the loader's whole error contract: its code, where, and the one line the CLI prints.
import { describe, expect, it } from "vitest";
import { SnapshotError } from "./errors";

describe("SnapshotError", () => {
  it("is an Error named SnapshotError carrying its code and location", () => {
    const e = new SnapshotError("syntax", "bad indentation", { file: "a.yaml", line: 3 });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("SnapshotError");
    expect(e.message).toBe("bad indentation");
    expect(e.code).toBe("syntax");
    expect(e.location).toEqual({ file: "a.yaml", line: 3 });
    expect(new SnapshotError("empty", "nothing").location).toEqual({});
  });

  it.each([
    [{}, "boom"],
    [{ file: "a.yaml" }, "a.yaml: boom"],
    [{ file: "" }, "boom"],
    [{ document: 0 }, "document 1: boom"],
    [{ line: 4 }, "line 4: boom"],
    [{ line: 4, column: 6 }, "line 4:6: boom"],
    [{ column: 6 }, "boom"],
    [{ file: "a.yaml", document: 2 }, "a.yaml: document 3: boom"],
    [{ file: "a.yaml", line: 4, column: 6 }, "a.yaml: line 4:6: boom"],
    [{ file: "a.yaml", document: 1, line: 4, column: 6 }, "a.yaml: document 2, line 4:6: boom"],
    [{ document: 1, line: 4 }, "document 2, line 4: boom"],
  ])("describes itself in one line from %j", (location, line) => {
    expect(new SnapshotError("syntax", "boom", location).describe()).toBe(line);
  });

  it("serialises to its code, message and location (what the API returns)", () => {
    const e = new SnapshotError("too-large", "over 100 MB", { file: "big.json" });
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      code: "too-large",
      message: "over 100 MB",
      location: { file: "big.json" },
    });
  });
});
