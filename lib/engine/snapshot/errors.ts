export type SnapshotErrorCode =
  | "syntax"
  | "encoding"
  | "too-large"
  | "too-many-objects"
  | "alias-limit"
  | "too-deep"
  | "empty"
  /** A .zip or .tar archive that cannot be read (corrupt gzip is a syntax error). */
  | "archive"
  /** An archive with more files than Limits.maxArchiveEntries. */
  | "too-many-entries"
  /** One archive member or gzip stream inflating beyond Limits.maxEntryBytes (zip/gzip bombs). */
  | "entry-too-large"
  /** The redacted objects, serialised for storage, exceed the stored-output limits (see stored-objects.ts). */
  | "output-too-large";

/** Codes that mean "the input is too big" (HTTP 413) rather than "the input is wrong" (422). */
export const SIZE_ERROR_CODES: readonly SnapshotErrorCode[] = [
  "too-large",
  "too-many-objects",
  "too-many-entries",
  "entry-too-large",
  "output-too-large",
];

export interface SnapshotErrorLocation {
  file?: string;
  /** 0-based document index inside a YAML stream. */
  document?: number;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
}

/** The only error loadSnapshot throws on bad input; `code` is a stable contract of the API and CLI. */
export class SnapshotError extends Error {
  readonly code: SnapshotErrorCode;
  readonly location: SnapshotErrorLocation;

  constructor(code: SnapshotErrorCode, message: string, location: SnapshotErrorLocation = {}) {
    super(message);
    this.name = "SnapshotError";
    this.code = code;
    this.location = location;
  }

  /** One line for humans: `file: document 2, line 4:6: message`. */
  describe(): string {
    const { file, document, line, column } = this.location;
    const where: string[] = [];
    if (document !== undefined) where.push(`document ${document + 1}`);
    if (line !== undefined) where.push(column !== undefined ? `line ${line}:${column}` : `line ${line}`);
    const prefix = [file, where.join(", ")].filter((s) => s !== undefined && s !== "").join(": ");
    return prefix ? `${prefix}: ${this.message}` : this.message;
  }

  toJSON(): { code: SnapshotErrorCode; message: string; location: SnapshotErrorLocation } {
    return { code: this.code, message: this.message, location: this.location };
  }
}
