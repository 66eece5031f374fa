// Addresses of the check and object pages. An object is named by three path segments — kind, namespace,
// name — each percent-encoded (names may hold `:` or `.`); `_` stands for "cluster-scoped", which no
// namespace can be called (namespaces are DNS labels: no underscore).
export const CLUSTER_SCOPED = "_";

export function checkHref(assessmentId: string, checkId: string): string {
  return `/assessments/${assessmentId}/checks/${encodeURIComponent(checkId)}`;
}

export function objectHref(
  assessmentId: string,
  o: { kind: string; namespace?: string | null; name: string },
): string {
  const ns = o.namespace ? encodeURIComponent(o.namespace) : CLUSTER_SCOPED;
  return `/assessments/${assessmentId}/objects/${encodeURIComponent(o.kind)}/${ns}/${encodeURIComponent(o.name)}`;
}

/** The object named by a page's segments (Next hands them over still percent-encoded). */
export function objectFromSegments(s: { kind: string; namespace: string; name: string }) {
  const decode = (v: string) => {
    try {
      return decodeURIComponent(v);
    } catch {
      return v;
    }
  };
  return {
    kind: decode(s.kind),
    namespace: s.namespace === CLUSTER_SCOPED ? "" : decode(s.namespace),
    name: decode(s.name),
  };
}
