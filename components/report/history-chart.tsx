"use client";

// Score history as a chart: dates on the x axis, 0–100 on the y axis, the overall score and one line
// per category (toggled from the legend), and a marker where the checklist version changed.
import { useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export interface HistoryPoint {
  /** Milliseconds since the epoch. */
  at: number;
  score: number | null;
  checklist: string;
  reason: string;
  categories: Record<string, number | null>;
}

const CATEGORY_COLOURS = ["#0f766e", "#7c3aed", "#b45309", "#be123c", "#1d4ed8", "#4d7c0f"];

const day = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function HistoryChart({ points, categories }: { points: HistoryPoint[]; categories: string[] }) {
  const [hidden, setHidden] = useState<Set<string>>(() => new Set(categories));
  const rows = points.map((p) => ({ at: p.at, overall: p.score, reason: p.reason, ...p.categories }));
  // Where the checklist changed from the point before: a vertical marker with the new version.
  const changes = points.flatMap((p, i) =>
    i > 0 && points[i - 1]!.checklist !== p.checklist ? [{ at: p.at, label: p.checklist }] : [],
  );
  const toggle = (key: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <figure className="mb-4">
      <div className="h-64 w-full" data-testid="history-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={["dataMin", "dataMax"]}
              tickFormatter={(v: number) => day.format(v)}
              stroke="#475569"
              fontSize={12}
            />
            <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} stroke="#475569" fontSize={12} width={36} />
            <Tooltip
              labelFormatter={(v) => full.format(Number(v))}
              formatter={(value, name) => [value ?? "—", name === "overall" ? "Overall" : name]}
            />
            <Legend
              onClick={(e) => typeof e.dataKey === "string" && e.dataKey !== "overall" && toggle(e.dataKey)}
              formatter={(value: string) =>
                value === "overall" ? "Overall" : `${value}${hidden.has(value) ? " (show)" : ""}`
              }
              wrapperStyle={{ fontSize: 12, cursor: "pointer" }}
            />
            {changes.map((c) => (
              <ReferenceLine
                key={`${c.at}-${c.label}`}
                x={c.at}
                stroke="#64748b"
                strokeDasharray="4 4"
                label={{ value: c.label, position: "insideTopLeft", fontSize: 11, fill: "#334155" }}
              />
            ))}
            <Line
              type="monotone"
              dataKey="overall"
              stroke="#0e7490"
              strokeWidth={3}
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={false}
            />
            {categories.map((c, i) => (
              <Line
                key={c}
                type="monotone"
                dataKey={c}
                stroke={CATEGORY_COLOURS[i % CATEGORY_COLOURS.length]}
                strokeWidth={1.5}
                dot={false}
                hide={hidden.has(c)}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-600">
        Readiness score over time; click a category in the legend to show its line. Dashed markers show where
        the checklist version changed. The table below lists every point.
      </figcaption>
    </figure>
  );
}
