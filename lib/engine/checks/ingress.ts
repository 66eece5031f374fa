// Reads Ingress backends and host/path rules in both networking.k8s.io/v1 and the removed v1beta1 shape.
import type { K8sObject } from "../types";
import { dig, rec, recs, str } from "../util";

export interface IngressBackend {
  path: string;
  /** The Service named; undefined for a resource backend or a broken one. */
  service: string | undefined;
  port: string | number | undefined;
  /** Why the backend routes nowhere, when its fields do not name a Service in this apiVersion. */
  problem?: string;
}

export interface IngressRoute {
  host: string;
  path: string;
}

const LEGACY_VERSIONS = new Set(["extensions/v1beta1", "networking.k8s.io/v1beta1"]);

/**
 * Reads a backend by the Ingress's apiVersion: networking.k8s.io/v1 has `service: {name, port}`, the removed
 * v1beta1 versions `serviceName`/`servicePort`. The other version's fields are unknown to the API server,
 * which drops them, so a backend written with them names no Service. Other apiVersions accept either.
 */
function backendOf(v: unknown, path: string, apiVersion: string): IngressBackend | undefined {
  const b = rec(v);
  if (!b) return undefined;
  if (b.resource !== undefined) return { path, service: undefined, port: undefined };
  const v1 = apiVersion === "networking.k8s.io/v1";
  const legacy = LEGACY_VERSIONS.has(apiVersion);
  const svc = legacy ? undefined : rec(b.service);
  const legacyName = v1 ? undefined : str(b.serviceName);
  const name = str(svc?.name) ?? legacyName;
  if (!name) {
    let problem = "backend names no Service";
    if (v1 && b.serviceName !== undefined)
      problem = `serviceName/servicePort are not fields of ${apiVersion} (use service.name and service.port): backend names no Service`;
    else if (legacy && b.service !== undefined)
      problem = `service.name is not a field of ${apiVersion} (use serviceName and servicePort): backend names no Service`;
    return { path, service: undefined, port: undefined, problem };
  }
  const port = svc
    ? (str(dig(svc, "port", "name")) ?? (dig(svc, "port", "number") as number | undefined))
    : (b.servicePort as string | number | undefined);
  return {
    path,
    service: name,
    port: typeof port === "string" || typeof port === "number" ? port : undefined,
  };
}

export function ingressBackends(ing: K8sObject): IngressBackend[] {
  const out: IngressBackend[] = [];
  const v1 = ing.apiVersion === "networking.k8s.io/v1";
  const spec = rec(ing.spec);
  if (v1 && spec?.backend !== undefined && spec.defaultBackend === undefined) {
    out.push({
      path: "spec.backend",
      service: undefined,
      port: undefined,
      problem: `spec.backend is not a field of ${ing.apiVersion} (use spec.defaultBackend): no default backend`,
    });
  } else {
    const def = backendOf(spec?.defaultBackend ?? spec?.backend, "spec.defaultBackend", ing.apiVersion);
    if (def) out.push(def);
  }
  recs(dig(ing, "spec", "rules")).forEach((rule, i) => {
    recs(dig(rule, "http", "paths")).forEach((p, j) => {
      const b = backendOf(p.backend, `spec.rules[${i}].http.paths[${j}].backend`, ing.apiVersion);
      if (b) out.push(b);
    });
  });
  return out;
}

export function ingressRoutes(ing: K8sObject): IngressRoute[] {
  const out: IngressRoute[] = [];
  for (const rule of recs(dig(ing, "spec", "rules"))) {
    const host = str(rule.host) ?? "*";
    for (const p of recs(dig(rule, "http", "paths"))) out.push({ host, path: str(p.path) ?? "/" });
  }
  return out;
}

export function ingressClass(ing: K8sObject): string {
  return (
    str(dig(ing, "spec", "ingressClassName")) ??
    ing.metadata.annotations?.["kubernetes.io/ingress.class"] ??
    ""
  );
}
