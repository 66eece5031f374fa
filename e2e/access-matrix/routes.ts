// Every page and API operation the app serves, read from the source tree at test time, so a route
// added tomorrow joins the access matrix without anyone editing a list.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** What the route wrapper (lib/api/route.ts) is told; handlers outside the wrapper are "public". */
export type Access = "public" | "user" | "admin";

export interface ApiOperation {
  kind: "api";
  method: Method;
  /** `/api/assessments/{id}/report`, as in the OpenAPI document. */
  path: string;
  access: Access;
  /** `name=value` for every literal a GET's query schema in the route file names (`z.enum`, `z.literal`). */
  queryVariants: string[];
  file: string;
}

export interface PageRoute {
  kind: "page";
  /** `/assessments/{id}/report`: route groups dropped, dynamic segments as `{param}`. */
  path: string;
  /** The page sits under a route-group layout that signs the visitor in first. */
  signedIn: boolean;
  file: string;
}

const appDir = path.resolve(process.cwd(), "app");

function filesNamed(name: string): string[] {
  return readdirSync(appDir, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === name)
    .sort();
}

const urlOf = (dir: string) =>
  `/${dir
    .split(path.sep)
    .filter((s) => s !== "." && !/^\(.*\)$/.test(s))
    .join("/")}`
    .replace(/\[(\w+)\]/g, "{$1}")
    .replace(/\/$/, "") || "/";

const schemasFile = path.resolve(process.cwd(), "lib/domain/schemas.ts");

/** The text of `const name = …;` in the route file, or else in lib/domain/schemas.ts. */
function definition(name: string, source: string): string {
  const statement = new RegExp(`const ${name}\\s*=([\\s\\S]*?);\\n`);
  return statement.exec(source)?.[1] ?? statement.exec(readFileSync(schemasFile, "utf8"))?.[1] ?? "";
}

/** `format: z.enum(["json", "md"])` → format=json, format=md; `user: z.uuid().or(z.literal("all"))` → user=all. */
function queryLiterals(source: string): string[] {
  const out: string[] = [];
  for (const [, name, list] of source.matchAll(/(\w+):\s*z\s*\.enum\(\[([^\]]*)\]\)/g)) {
    for (const [, value] of list!.matchAll(/"([^"]*)"/g)) out.push(`${name}=${value}`);
  }
  for (const [, name, value] of source.matchAll(/(\w+):\s*z\.[\w.()]*?\.or\(z\.literal\("([^"]*)"\)\)/g)) {
    out.push(`${name}=${value}`);
  }
  return out;
}

/**
 * Every exported handler of every `route.ts` (`app/api/**` and the few outside it, such as /metrics),
 * with the access its wrapper declares.
 */
export function apiOperations(): ApiOperation[] {
  const out: ApiOperation[] = [];
  for (const file of filesNamed("route.ts")) {
    const source = readFileSync(path.join(appDir, file), "utf8");
    const exports = /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g;
    for (const match of source.matchAll(exports)) {
      const method = match[1] as Method;
      // The options object of `route({ access: … })` follows the export; a bare function has none.
      const wrapped = /^\s*=\s*route\(\s*\{([^}]*)\}/.exec(source.slice(match.index + match[0].length));
      const access = (/access:\s*"(\w+)"/.exec(wrapped?.[1] ?? "")?.[1] ?? "public") as Access;
      const querySchema = /query:\s*(\w+)/.exec(wrapped?.[1] ?? "")?.[1];
      const queryVariants =
        method === "GET" && querySchema ? queryLiterals(definition(querySchema, source)) : [];
      out.push({
        kind: "api",
        method,
        path: urlOf(path.dirname(file)),
        access,
        queryVariants,
        file: `app/${file}`,
      });
    }
  }
  return out;
}

/** Every `app/**\/page.tsx`; a page is behind sign-in when a route-group layout above it calls requirePrincipal. */
export function pages(): PageRoute[] {
  return filesNamed("page.tsx").map((file) => {
    const parts = path.dirname(file).split(path.sep);
    const signedIn = parts.some((_, i) => {
      const layout = path.join(appDir, ...parts.slice(0, i + 1), "layout.tsx");
      return (
        /^\(.*\)$/.test(parts[i] ?? "") &&
        existsSync(layout) &&
        /requirePrincipal|requireAdminPrincipal/.test(readFileSync(layout, "utf8"))
      );
    });
    return { kind: "page", path: urlOf(path.dirname(file)), signedIn, file: `app/${file}` };
  });
}

/** `{param}` names in a path, in order. */
export const paramsOf = (p: string) => [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
