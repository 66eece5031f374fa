// docs/checks.md: the catalogue as Markdown, formatted with the repository's Prettier settings so that
// `prettier --check .` and the staleness test agree on one exact text.
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { checkCatalogue } from "../engine";
import { formatCatalogueMarkdown } from "./format";

export const CHECKS_DOC = join(__dirname, "../../docs/checks.md");

export async function renderChecksDoc(): Promise<string> {
  const options = (await resolveConfig(CHECKS_DOC)) ?? {};
  return format(formatCatalogueMarkdown(checkCatalogue()), { ...options, parser: "markdown" });
}
