import { z } from "zod";
import { num, rec, str } from "../../util";
import { imageMatches, someCommandOrEnvValue } from "../helpers";
import type { ContainerInfo, Workload } from "../workloads";
import { DATABASE_IMAGES } from "./database-backup";
import { defineCheck, param } from "../define";

const JVM_IMAGES = [
  "openjdk",
  "java",
  "jdk",
  "jre",
  "eclipse-temurin",
  "amazoncorretto",
  "keycloak",
  "jenkins",
  "sonarqube",
  "tomcat",
  "wildfly",
  "jboss",
];
const JVM_FLAGS = /(^|\s)(java|-jar|-Xmx|-Xms|-XX:)/;
const hasJvmFlag = (text: string) => JVM_FLAGS.test(text);
/** A liveness probe that tolerates this long a start needs no startup probe. */
export const TOLERANT_START_SECONDS = 300;

function slowStarter(w: Workload, c: ContainerInfo): string | undefined {
  if (w.kind === "StatefulSet") return "StatefulSet";
  const image = str(c.spec.image) ?? "";
  const db = imageMatches(image, DATABASE_IMAGES);
  if (db) return `${db} image`;
  if (imageMatches(image, JVM_IMAGES) || someCommandOrEnvValue(c, hasJvmFlag)) return "JVM";
  return undefined;
}

export const startupProbeStateful = defineCheck({
  id: "startup-probe-stateful",
  title: "Slow starters (StatefulSets, databases, JVMs) with a liveness probe also define a startup probe",
  category: "reliability",
  severity: "medium",
  rationale:
    "Stateful applications (brokers, databases) and JVMs can take many minutes to start, e.g. while " +
    "rebuilding corrupted indices after a crash. A liveness probe tuned for steady state kills them during " +
    "that recovery, over and over, so they never come back. A liveness probe that already tolerates " +
    `${TOLERANT_START_SECONDS} s (initialDelaySeconds + failureThreshold × periodSeconds; a parameter) passes.`,
  remediation:
    "Add a startupProbe with a generous failureThreshold × periodSeconds covering the worst recovery time; the " +
    "liveness probe only starts once the startup probe has succeeded.",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes",
  ],
  params: {
    tolerantStartSeconds: param(
      z.number().int().positive(),
      TOLERANT_START_SECONDS,
      "A liveness probe that tolerates a start-up this long (seconds) needs no startup probe.",
    ),
  },
  scope: { type: "container", containers: "regular" },
  applies(c) {
    if (!rec(c.spec.livenessProbe)) return "no liveness probe";
    return slowStarter(c.workload, c) ? true : "not a slow starter";
  },
  run(c, ctx) {
    const live = rec(c.spec.livenessProbe) ?? {};
    const why = slowStarter(c.workload, c) ?? "";
    if (c.spec.startupProbe) return ctx.pass(`${why}: startup probe protects the start-up phase`);
    const tolerated =
      (num(live.initialDelaySeconds) ?? 0) +
      (num(live.failureThreshold) ?? 3) * (num(live.periodSeconds) ?? 10);
    if (tolerated >= ctx.params.tolerantStartSeconds)
      return ctx.pass(`${why}: liveness probe tolerates ${tolerated}s of start-up`);
    ctx.fail(
      `${why}: liveness probe kills it after ${tolerated}s of start-up and there is no startup probe`,
      {
        field: "startupProbe",
      },
    );
  },
});
