import { defineCheck } from "../define";

const PROD = /(^|[-_.])(prod|production|prd|live)($|[-_.\d])/;
const NON_PROD =
  /(^|[-_.])(stag|stage|staging|stg|dev|develop|development|test|testing|qa|uat|preview|sandbox)($|[-_.\d])/;

export const stagingProductionShared = defineCheck({
  id: "staging-production-shared",
  title: "Staging and production do not share a cluster",
  category: "operations",
  severity: "medium",
  rationale:
    "Namespaces isolate names, not capacity or blast radius: a staging load test or CI build can starve " +
    "production of nodes, and cluster upgrades cannot be tried on staging first. Teams that tried both " +
    "settled on a separate staging cluster. Evaluated for live or whole-cluster snapshots, from namespace names.",
  remediation:
    "Move pre-production namespaces to their own cluster; if that must wait, give them ResourceQuotas, " +
    "dedicated tainted nodes and strict NetworkPolicies.",
  references: ["https://kubernetes.io/docs/concepts/security/multi-tenancy/"],
  scope: { type: "cluster" },
  applies: (_, ctx) => ctx.facts.isLive || ctx.facts.nodeCount > 0,
  run(_, ctx) {
    const prod = ctx.facts.namespaces.filter((n) => PROD.test(n));
    const nonProd = ctx.facts.namespaces.filter((n) => NON_PROD.test(n) && !PROD.test(n));
    if (prod.length === 0 && nonProd.length === 0) return;
    if (prod.length > 0 && nonProd.length > 0)
      ctx.fail(
        `production namespaces (${prod.join(", ")}) next to pre-production ones (${nonProd.join(", ")})`,
      );
    else ctx.pass(`only ${prod.length > 0 ? "production" : "pre-production"} namespaces`);
  },
});
