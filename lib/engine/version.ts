// Kubernetes version strings as reported by kubelets and `kubectl version` (v1.29.3-eks-1234, v1.30.0+k3s1).

export interface KubeVersion {
  major: number;
  minor: number;
  patch: number;
}

export function parseKubeVersion(v: string | null | undefined): KubeVersion | undefined {
  if (!v) return undefined;
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

export function compareKubeVersions(a: KubeVersion, b: KubeVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function formatMinor(v: KubeVersion): string {
  return `${v.major}.${v.minor}`;
}
