import { dig, recs, str, strings } from "../../util";
import { imageMatches } from "../helpers";
import type { CheckContext } from "../types";
import type { Workload } from "../workloads";
import { defineCheck } from "../define";

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
  for (const w of ctx.workloads) {
    if (w.kind === "CronJob") continue;
    for (const c of w.containers) {
      const image = str(c.spec.image);
      if (image && imageMatches(image, BACKUP_IMAGES)) return `${w.kind} ${w.name} (${image})`;
    }
  }
  return undefined;
}

/** Whether a CronJob's name, images, commands or claimed volumes mention a dump or backup tool. */
function dumpsData(w: Workload): boolean {
  // Each piece is tested on its own rather than joined: no DUMP alternative contains a space.
  if (DUMP.test(w.name)) return true;
  for (const c of w.containers) {
    const image = str(c.spec.image);
    if (image && DUMP.test(image)) return true;
    for (const arg of strings(c.spec.command)) if (DUMP.test(arg)) return true;
    for (const arg of strings(c.spec.args)) if (DUMP.test(arg)) return true;
  }
  for (const v of recs(w.podSpec.volumes)) {
    const claim = str(dig(v, "persistentVolumeClaim", "claimName"));
    if (claim && DUMP.test(claim)) return true;
  }
  return false;
}

export const databaseBackup = defineCheck({
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
  scope: { type: "workload" },
  // The evidence is looked for once, and only when a database is found.
  prepare(ctx) {
    let evidence: ((namespace: string) => string | undefined) | undefined;
    return {
      evidence(namespace: string): string | undefined {
        if (!evidence) {
          const cluster = clusterBackup(ctx);
          // Per-namespace CronJobs only matter without cluster-wide evidence; the last one found is named.
          const nsBackup = new Map<string, string>();
          if (!cluster) {
            for (const w of ctx.workloads)
              if (w.kind === "CronJob" && dumpsData(w)) nsBackup.set(w.namespace ?? "", `CronJob ${w.name}`);
          }
          evidence = (ns) => cluster ?? nsBackup.get(ns);
        }
        return evidence(namespace);
      },
    };
  },
  applies: (w) => w.kind === "StatefulSet" && databaseImage(w) !== undefined,
  run(w, ctx) {
    const db = databaseImage(w) ?? "";
    const evidence = ctx.prepared.evidence(w.namespace ?? "");
    if (evidence) ctx.pass(`${db} backed up by ${evidence}`);
    else ctx.fail(`${db} in the cluster with no backup tooling in the snapshot`);
  },
});
