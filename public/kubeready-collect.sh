#!/bin/sh
# Kubeready collector: reads the resources Kubeready's checks need from the current kubectl context and
# writes them to one .tar.gz to upload (Snapshots tab, or POST /api/assessments/{id}/snapshots).
#
# What it reads, across all namespaces, with `kubectl get <kind> -A -o json`:
#   nodes namespaces pods deployments statefulsets daemonsets replicasets jobs cronjobs services
#   ingresses networkpolicies poddisruptionbudgets horizontalpodautoscalers serviceaccounts roles
#   rolebindings clusterroles clusterrolebindings configmaps resourcequotas limitranges
#   persistentvolumeclaims storageclasses priorityclasses customresourcedefinitions
# plus `kubectl version -o json`, and Secrets reduced to their public certificates (tls.crt, ca.crt):
# every other Secret value is removed here, before anything leaves your machine (needs jq or python3;
# without either, Secrets are skipped). The server redacts again before storing anything.
#
# Usage: sh kubeready-collect.sh [output.tar.gz]      Needs: kubectl, tar, gzip. Read-only.
set -eu

out="${1:-kubeready-snapshot-$(date +%Y%m%d-%H%M%S).tar.gz}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM

command -v kubectl >/dev/null 2>&1 || { echo "kubectl not found on PATH" >&2; exit 2; }
echo "Collecting from context: $(kubectl config current-context 2>/dev/null || echo unknown)" >&2

kubectl version -o json >"$dir/kubectl-version.json" 2>/dev/null || rm -f "$dir/kubectl-version.json"

kinds="nodes namespaces pods deployments statefulsets daemonsets replicasets jobs cronjobs services
ingresses networkpolicies poddisruptionbudgets horizontalpodautoscalers serviceaccounts roles
rolebindings clusterroles clusterrolebindings configmaps resourcequotas limitranges
persistentvolumeclaims storageclasses priorityclasses customresourcedefinitions"

for kind in $kinds; do
  if kubectl get "$kind" --all-namespaces -o json >"$dir/$kind.json" 2>"$dir/error"; then
    printf '  %-28s ok\n' "$kind" >&2
  else
    printf '  %-28s skipped: %s\n' "$kind" "$(head -n 1 "$dir/error")" >&2
    rm -f "$dir/$kind.json"
  fi
done
rm -f "$dir/error"

if kubectl get secrets --all-namespaces -o json >"$dir/secrets.raw" 2>/dev/null; then
  if command -v jq >/dev/null 2>&1; then
    jq '.items |= map(
          .data = ((.data // {}) | with_entries(select(.key == "tls.crt" or .key == "ca.crt")))
          | del(.stringData)
          | del(.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]))' \
      "$dir/secrets.raw" >"$dir/secrets.json"
  elif command -v python3 >/dev/null 2>&1; then
    python3 - "$dir/secrets.raw" "$dir/secrets.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for s in doc.get("items", []):
    s["data"] = {k: v for k, v in (s.get("data") or {}).items() if k in ("tls.crt", "ca.crt")}
    s.pop("stringData", None)
    (s.get("metadata", {}).get("annotations") or {}).pop("kubectl.kubernetes.io/last-applied-configuration", None)
json.dump(doc, open(sys.argv[2], "w"))
PY
  else
    echo "  secrets                      skipped: neither jq nor python3 found (certificate checks will not run)" >&2
  fi
  rm -f "$dir/secrets.raw"
  [ -f "$dir/secrets.json" ] && printf '  %-28s ok (certificates only)\n' secrets >&2
fi

tar -czf "$out" -C "$dir" .
echo "Wrote $out — upload it on the Snapshots tab or with:" >&2
echo "  curl -H \"Authorization: Bearer \$KUBEREADY_TOKEN\" --data-binary @$out \"<kubeready>/api/assessments/<id>/snapshots?filename=$out\"" >&2
