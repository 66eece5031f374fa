// Reads Ingress backends and host/path rules in both networking.k8s.io/v1 and the removed v1beta1 shape.
import type { K8sObject } from "../types";
import { dig, rec, recs, str } from "../util";

export interface IngressBackend {
  path: string;
  service: string;
  port: string | number | undefined;
}

export interface IngressRoute {
  host: string;
  path: string;
}

function backendOf(v: unknown, path: string): IngressBackend | undefined {
  const b = rec(v);
  if (!b) return undefined;
  const svc = rec(b.service);
  const name = str(svc?.name) ?? str(b.serviceName);
  if (!name) return undefined;
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
  const def = backendOf(
    dig(ing, "spec", "defaultBackend") ?? dig(ing, "spec", "backend"),
    "spec.defaultBackend",
  );
  if (def) out.push(def);
  recs(dig(ing, "spec", "rules")).forEach((rule, i) => {
    recs(dig(rule, "http", "paths")).forEach((p, j) => {
      const b = backendOf(p.backend, `spec.rules[${i}].http.paths[${j}].backend`);
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
