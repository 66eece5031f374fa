import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument, operations } from "./openapi";

/** Every exported method of every route file under app/api, as "METHOD /api/path/{param}". */
function routeMethods(): string[] {
  const root = path.resolve("app/api");
  const out: string[] = [];
  for (const file of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith("route.ts")) continue;
    const url = `/api/${path.dirname(file)}`.replace(/\[(\w+)\]/g, "{$1}");
    const source = readFileSync(path.join(root, file), "utf8");
    for (const [, method] of source.matchAll(
      /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g,
    )) {
      out.push(`${method} ${url}`);
    }
  }
  return out.sort();
}

describe("OpenAPI document", () => {
  it("lists exactly the routes the app serves", () => {
    const documented = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    expect(documented).toEqual(routeMethods());
  });

  it("describes request bodies from the zod schemas", () => {
    const doc = openApiDocument();
    const put = doc.paths["/api/assessments/{id}/answers"]?.put as {
      requestBody: { content: { "application/json": { schema: { required?: string[] } } } };
    };
    expect(put.requestBody.content["application/json"].schema.required).toEqual(["version", "answers"]);
    expect(JSON.stringify(doc)).toContain('"openapi":"3.1.0"');
  });
});
