// What importing a checklist file will do, said before the admin presses Import: the server keys
// checklists by slug, so a file whose slug exists becomes that checklist's next draft (lib/server/checklists.ts).
export interface ImportTarget {
  slug: string;
  name: string;
  /** Newest first. */
  versions: { number: number; status: "draft" | "published" }[];
}

const items = (n: number) => `${n} item${n === 1 ? "" : "s"}`;

export function describeImport(
  file: { slug: string; name: string; items: readonly unknown[] },
  existing: readonly ImportTarget[],
): string {
  const target = existing.find((c) => c.slug === file.slug);
  if (!target) {
    return `Creates a new checklist “${file.name}” (${file.slug}) with ${items(file.items.length)}, as draft v1.`;
  }
  const renamed = target.name === file.name ? "" : ` It is renamed to “${file.name}”.`;
  const draft = target.versions.find((v) => v.status === "draft");
  if (draft) {
    return `The checklist “${target.name}” already has the slug ${file.slug}: the file's ${items(file.items.length)} ${file.items.length === 1 ? "replaces" : "replace"} everything in its draft v${draft.number}. Published versions stay as they are.${renamed}`;
  }
  const next = (target.versions[0]?.number ?? 0) + 1;
  return `The checklist “${target.name}” already has the slug ${file.slug}: the file becomes its draft v${next} with ${items(file.items.length)}. Published versions stay as they are.${renamed}`;
}
