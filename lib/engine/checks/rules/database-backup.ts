import { dig, recs, str } from "../../util";
import { commandLine, imageMatches, workloadImages } from "../helpers";
import type { Check, CheckContext, Outcome } from "../types";
import { refOf, type Workload } from "../workloads";
import { outcome } from "../outcome";

export const DATABASE_IMAGES = [
  "postgres",
  "postgresql",
  "postgis",
  "timescaledb",
  "mysql",
  "mariadb",
  "percona-server",
  "mongo",
  "mongodb",
  "redis",
  "valkey",
  "kafka",
  "cp-kafka",
  "zookeeper",
  "cp-zookeeper",
  "elasticsearch",
  "opensearch",
  "cassandra",
  "scylla",
  "cockroach",
  "couchdb",
  "clickhouse-server",
  "neo4j",
  "influxdb",
];
const BACKUP_IMAGES = [
  "velero",
  "k8up",
  "stash",
  "kanister",
  "pgbackrest",
  "wal-g",
  "barman",
  "restic",
  "kopia",
];
const DUMP =
  /pg_dump|pg_basebackup|mysqldump|mariadb-dump|mariabackup|xtrabackup|mongodump|--rdb|bgsave|_snapshot|backup|restic|wal-g|pgbackrest|barman|kopia/i;

function databaseImage(w: Workload): string | undefined {
  for (const c of w.containers) {
    if (c.type !== "container") continue;
    const image = str(c.spec.image);
    const hit = image ? imageMatches(image, DATABASE_IMAGES) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/** Evidence of cluster-wide backup tooling (Velero and the like, or a database operator's backup CRs). */
function clusterBackup(ctx: CheckContext): string | undefined {
  for (const kind of Object.keys(ctx.facts.countsByKind)) {
    if (/backup/i.test(kind)) return `${kind} objects`;
  }
  for (const kind of ["Schedule", "BackupStorageLocation"]) {
    const o = ctx.ofKind(kind).find((x) => /velero\.io|k8up\.io/.test(x.apiVersion));
    if (o) return `${o.apiVersion} ${kind}`;
  }
  for (const { w, image } of workloadImages(ctx)) {
    if (w.kind !== "CronJob" && imageMatches(image, BACKUP_IMAGES)) return `${w.kind} ${w.name} (${image})`;
  }
  return undefined;
}

export const databaseBackup: Check = {
  id: "database-backup",
  title: "Databases running in the cluster are backed up",
  category: "operations",
  severity: "high",
  rationale:
    "A StatefulSet of a database image keeps its only copy of the data on volumes in the cluster; a deleted " +
    "namespace, a corrupted volume or a cluster rebuilt from scratch (as after an expired-certificate crash) " +
    "loses it. Backup tooling shows up in a snapshot as Velero or operator backup resources, or a CronJob " +
    "in the database's namespace that dumps or snapshots it.",
  remediation:
    "Schedule backups off the cluster (Velero with volume snapshots, the operator's backup resource, or a " +
    "CronJob running pg_dump/mysqldump/mongodump to object storage) and test restores; or use a managed database.",
  references: ["https://velero.io/docs/", "https://kubernetes.io/docs/concepts/storage/volume-snapshots/"],
  evaluate(ctx) {
    const dbs = ctx.workloads.flatMap((w) => {
      if (w.kind !== "StatefulSet") return [];
      const db = databaseImage(w);
      return db ? [{ w, db }] : [];
    });
    if (dbs.length === 0) return [];
    const cluster = clusterBackup(ctx);
    const nsBackup = new Map<string, string>();
    for (const w of ctx.workloads) {
      if (w.kind !== "CronJob") continue;
      const text = [
        w.name,
        ...w.containers.flatMap((c) => [str(c.spec.image) ?? "", ...commandLine(c)]),
        ...recs(w.podSpec.volumes).map((v) => str(dig(v, "persistentVolumeClaim", "claimName")) ?? ""),
      ].join(" ");
      if (DUMP.test(text)) nsBackup.set(w.namespace ?? "", `CronJob ${w.name}`);
    }
    const out: Outcome[] = [];
    for (const { w, db } of dbs) {
      const object = refOf(w.object);
      const evidence = cluster ?? nsBackup.get(w.namespace ?? "");
      out.push(
        evidence
          ? outcome("pass", `${db} backed up by ${evidence}`, object)
          : outcome("fail", `${db} in the cluster with no backup tooling in the snapshot`, object),
      );
    }
    return out;
  },
};
