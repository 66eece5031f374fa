// The workload that owns an object, for grouping findings: a Pod owned by a ReplicaSet owned by a
// Deployment belongs to the Deployment. Owners are followed through metadata.ownerReferences (the
// controller reference first, as Kubernetes' garbage collector does) while the owner is in the snapshot;
// when a reference points at an object the snapshot does not hold, the chain stops at the nearest owner
// it does hold (the object itself when its first owner is missing), so a group always names an object the
// reader can open. Results on a container belong to the container's object, hence to its owner.
import type { K8sObject } from "./types";
import { recs, str } from "./util";

export interface OwnerRef {
  kind: string;
  /** Undefined for cluster-scoped owners. */
  namespace?: string;
  name: string;
}

/** Owner chains stop after this many links (ownerReferences can form cycles in hand-written input). */
const MAX_DEPTH = 10;

const keyOf = (kind: string, namespace: string | undefined, name: string) =>
  `${kind}\u0000${namespace ?? ""}\u0000${name}`;

function ownerReference(obj: K8sObject): Record<string, unknown> | undefined {
  const owners = recs(obj.metadata.ownerReferences);
  return owners.find((o) => o.controller === true) ?? owners[0];
}

/** Resolves owners over one snapshot; build once, ask per object. */
export class OwnerIndex {
  private readonly byKey = new Map<string, K8sObject>();
  private readonly byUid = new Map<string, K8sObject>();
  private readonly memo = new Map<string, OwnerRef>();

  constructor(objects: readonly K8sObject[]) {
    for (const obj of objects) {
      const md = obj.metadata;
      this.byKey.set(keyOf(obj.kind, md.namespace, md.name), obj);
      const uid = str(md.uid);
      if (uid) this.byUid.set(uid, obj);
    }
  }

  /** The object of the snapshot with this identity. */
  find(kind: string, namespace: string | undefined, name: string): K8sObject | undefined {
    return this.byKey.get(keyOf(kind, namespace, name));
  }

  /** The owner reference of `obj` resolved to an object of the snapshot (by uid, else kind and name). */
  private ownerOf(obj: K8sObject): K8sObject | undefined {
    const ref = ownerReference(obj);
    if (!ref) return undefined;
    const uid = str(ref.uid);
    const byUid = uid ? this.byUid.get(uid) : undefined;
    if (byUid) return byUid;
    const kind = str(ref.kind);
    const name = str(ref.name);
    if (!kind || !name) return undefined;
    // Owners live in the dependent's namespace, or are cluster-scoped.
    return (
      this.byKey.get(keyOf(kind, obj.metadata.namespace, name)) ??
      this.byKey.get(keyOf(kind, undefined, name))
    );
  }

  /**
   * The top owner of the object named (itself when it has no owner in the snapshot). An object the
   * snapshot does not hold (a result about something referenced only) owns itself.
   */
  topOwner(kind: string, namespace: string | undefined, name: string): OwnerRef {
    const key = keyOf(kind, namespace, name);
    const hit = this.memo.get(key);
    if (hit) return hit;
    let current = this.byKey.get(key);
    let owner: OwnerRef = namespace === undefined ? { kind, name } : { kind, namespace, name };
    const seen = new Set<K8sObject>();
    for (let depth = 0; current && depth < MAX_DEPTH && !seen.has(current); depth++) {
      seen.add(current);
      const next = this.ownerOf(current);
      if (!next) break;
      owner =
        next.metadata.namespace === undefined
          ? { kind: next.kind, name: next.metadata.name }
          : { kind: next.kind, namespace: next.metadata.namespace, name: next.metadata.name };
      current = next;
    }
    this.memo.set(key, owner);
    return owner;
  }
}
