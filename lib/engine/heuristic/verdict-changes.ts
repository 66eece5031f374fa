import {
  assessNeedKubernetes,
  recommendationDescriptions,
  scaleBands,
  INSUFFICIENT_VERDICT,
  type NeedKubernetes,
  type Recommendation,
  type SnapshotFacts,
  type Verdict,
} from "./need-kubernetes";
import {
  allQuestions,
  type AnswerValue,
  type IntegerQuestion,
  type Question,
  type QuestionId,
} from "./questionnaire";

// "What would change the verdict": the smallest answer changes that move the need-Kubernetes verdict or
// its recommendation, found by running the heuristic itself on changed answers (nothing here knows its
// weights, so the two cannot disagree).
//
// Candidates: every other option of a choice, the other value of a yes/no question, and for counts the
// values where the heuristic can change its mind (each band's first value and the one before it, plus
// 0–10 for the small team thresholds). One change is tried first; an outcome that no single change
// reaches is looked for among pairs of changes. Per outcome, the changes closest to today's answers win:
// fewer changes, then the smallest relative move of a count.

export interface AnswerChange {
  questionId: QuestionId;
  question: string;
  /** Today's value (null when unanswered or only known from a snapshot). */
  from: AnswerValue;
  to: number | boolean | string;
  /** "4 more production hosts (10 instead of 6)", "\"yes\" to \"…?\" (now \"no\")". */
  text: string;
}

export interface VerdictChange {
  changes: AnswerChange[];
  verdict: Verdict;
  recommendation: Recommendation;
  score: number;
  /** "With 4 more production hosts (10 instead of 6): borderline, a managed container platform." */
  summary: string;
}

/** How many alternatives are kept per reachable outcome. */
const PER_OUTCOME = 2;
/** The most outcomes listed (there are at most 3 verdicts × 4 recommendations). */
const MAX_OUTCOMES = 6;

const verdictWords: Record<Verdict, string> = {
  "not-needed": "not needed",
  borderline: "borderline",
  needed: "needed",
};

const countNouns: Partial<Record<QuestionId, [string, string]>> = {
  production_hosts: ["production host", "production hosts"],
  services: ["independently deployed service", "independently deployed services"],
  services_multi_host: ["service on several hosts", "services on several hosts"],
  deploys_per_week: ["deploy per week", "deploys per week"],
  platform_engineers: ["person for the platform", "people for the platform"],
};

function integerCandidates(question: IntegerQuestion): number[] {
  const values = new Set<number>();
  for (let n = 0; n <= 10; n++) values.add(n);
  const bands = (scaleBands as Partial<Record<string, readonly { min: number }[]>>)[question.id] ?? [];
  for (const band of bands) {
    values.add(band.min);
    values.add(band.min - 1);
  }
  return [...values].filter((v) => v >= question.min && v <= question.max).sort((a, b) => a - b);
}

function optionLabel(question: Question, value: number | boolean | string): string {
  if (question.type === "choice")
    return question.options.find((o) => o.value === value)?.label ?? String(value);
  if (question.type === "boolean") return value ? "yes" : "no";
  return String(value);
}

function describeChange(question: Question, from: AnswerValue, to: number | boolean | string): string {
  if (question.type === "integer" && typeof to === "number") {
    const noun = countNouns[question.id as QuestionId];
    const name = (n: number) => (noun ? (n === 1 ? noun[0] : noun[1]) : question.label);
    if (typeof from === "number") {
      const delta = to - from;
      const moved = Math.abs(delta);
      return `${moved} ${delta > 0 ? "more" : "fewer"} ${name(moved)} (${to} instead of ${from})`;
    }
    return `${to} ${name(to)}`;
  }
  const answer = optionLabel(question, to);
  return from === null || from === undefined
    ? `"${answer}" to "${question.label}" (unanswered now)`
    : `"${answer}" to "${question.label}" (now "${optionLabel(question, from)}")`;
}

/** How far a change moves from today's answer: 1 for a choice or yes/no, a relative step for counts. */
function distance(from: AnswerValue, to: number | boolean | string): number {
  if (typeof to === "number") {
    const base = typeof from === "number" ? from : 0;
    return 1 + Math.abs(to - base) / Math.max(1, base);
  }
  return from === null || from === undefined ? 1.5 : 1;
}

interface Candidate {
  question: Question;
  from: AnswerValue;
  to: number | boolean | string;
  cost: number;
}

function candidatesFor(answers: Partial<Record<string, AnswerValue>>): Candidate[] {
  const candidates: Candidate[] = [];
  for (const question of allQuestions) {
    const from = answers[question.id] ?? null;
    const values: (number | boolean | string)[] =
      question.type === "integer"
        ? integerCandidates(question)
        : question.type === "boolean"
          ? [true, false]
          : question.options.map((o) => o.value);
    for (const to of values) {
      if (to === from) continue;
      candidates.push({ question, from, to, cost: distance(from, to) });
    }
  }
  return candidates;
}

type Outcome = { verdict: Verdict; recommendation: Recommendation; score: number };

function outcomeOf(result: NeedKubernetes): Outcome | null {
  if (result.verdict === INSUFFICIENT_VERDICT || !result.recommendation) return null;
  return { verdict: result.verdict, recommendation: result.recommendation, score: result.score };
}

const keyOf = (o: Pick<Outcome, "verdict" | "recommendation">) => `${o.verdict}|${o.recommendation}`;

function summarise(changes: AnswerChange[], outcome: Outcome): string {
  const what = changes.map((c) => c.text).join(" and ");
  const rec = recommendationDescriptions[outcome.recommendation].label;
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}: ${verdictWords[outcome.verdict]} (${outcome.score}/100) — ${rec}.`;
}

/**
 * The smallest answer changes that give another verdict or recommendation, closest first per outcome.
 * Empty while there is no verdict yet (the report lists what to answer instead).
 */
export function verdictChanges(
  answers: Partial<Record<string, AnswerValue>>,
  facts: SnapshotFacts = {},
): VerdictChange[] {
  const current = outcomeOf(assessNeedKubernetes(answers, facts));
  if (!current) return [];
  const currentKey = keyOf(current);
  const candidates = candidatesFor(answers);

  type Found = { candidates: Candidate[]; outcome: Outcome; cost: number };
  const byOutcome = new Map<string, Found[]>();
  const evaluate = (chosen: Candidate[]): Outcome | null => {
    const changed = { ...answers };
    for (const c of chosen) changed[c.question.id] = c.to;
    return outcomeOf(assessNeedKubernetes(changed, facts));
  };
  const record = (chosen: Candidate[], outcome: Outcome | null) => {
    if (!outcome || keyOf(outcome) === currentKey) return;
    const list = byOutcome.get(keyOf(outcome)) ?? [];
    list.push({ candidates: chosen, outcome, cost: chosen.reduce((s, c) => s + c.cost, 0) });
    byOutcome.set(keyOf(outcome), list);
  };

  const singles = candidates.map((c) => ({ candidate: c, outcome: evaluate([c]) }));
  for (const { candidate, outcome } of singles) record([candidate], outcome);

  // Verdicts no single change reaches: pairs of changes to different questions, each moving the score
  // towards that verdict, one per question and score (the closest value stands for the others).
  const reached = new Set([...byOutcome.values()].map((l) => l[0]!.outcome.verdict));
  const order: Verdict[] = ["not-needed", "borderline", "needed"];
  for (const target of order.filter((v) => v !== current.verdict && !reached.has(v))) {
    const up = order.indexOf(target) > order.indexOf(current.verdict);
    const closest = new Map<string, Candidate>();
    for (const { candidate, outcome } of singles) {
      if (!outcome || (up ? outcome.score <= current.score : outcome.score >= current.score)) continue;
      const key = `${candidate.question.id}|${outcome.score}`;
      const kept = closest.get(key);
      if (!kept || candidate.cost < kept.cost) closest.set(key, candidate);
    }
    const movers = [...closest.values()];
    for (let i = 0; i < movers.length; i++) {
      for (let j = i + 1; j < movers.length; j++) {
        if (movers[i]!.question.id === movers[j]!.question.id) continue;
        const pair = [movers[i]!, movers[j]!];
        const outcome = evaluate(pair);
        if (outcome?.verdict === target) record(pair, outcome);
      }
    }
  }

  const outcomes = [...byOutcome.values()]
    .map((found) => {
      found.sort((a, b) => a.candidates.length - b.candidates.length || a.cost - b.cost);
      // One alternative per question set: "10 hosts" and "11 hosts" are the same advice.
      const seen = new Set<string>();
      return found.filter((f) => {
        const key = f.candidates.map((c) => c.question.id).join("+");
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    })
    .sort((a, b) => a[0]!.candidates.length - b[0]!.candidates.length || a[0]!.cost - b[0]!.cost)
    .slice(0, MAX_OUTCOMES);

  return outcomes.flatMap((found) =>
    found.slice(0, PER_OUTCOME).map((f) => {
      const changes = f.candidates.map((c) => ({
        questionId: c.question.id as QuestionId,
        question: c.question.label,
        from: c.from,
        to: c.to,
        text: describeChange(c.question, c.from, c.to),
      }));
      return {
        changes,
        verdict: f.outcome.verdict,
        recommendation: f.outcome.recommendation,
        score: f.outcome.score,
        summary: summarise(changes, f.outcome),
      };
    }),
  );
}
