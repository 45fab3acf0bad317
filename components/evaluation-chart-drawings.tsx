"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Count, ScorePoint } from "@/lib/dashboard/evaluation-charts";

const day = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });
const KIND_COLOURS = { customer: "#635bff", payment: "#f59e0b" } as const;
const BAR_COLOURS: Record<string, string> = {
  highest: "#dc2626",
  block: "#dc2626",
  elevated: "#f59e0b",
  review: "#f59e0b",
  normal: "#10b981",
  low: "#10b981",
  allow: "#10b981",
};

/** The scores of the latest evaluations over time, one colour per kind of evaluation. */
export function ScoresScatter({ points }: { points: ScorePoint[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ScatterChart margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="at"
          type="number"
          scale="time"
          domain={["dataMin", "dataMax"]}
          tickFormatter={(at: number) => day.format(at)}
          fontSize={12}
        />
        <YAxis dataKey="score" type="number" domain={[0, 100]} fontSize={12} />
        <Tooltip
          labelFormatter={() => ""}
          formatter={(value, name) =>
            name === "at" ? new Date(Number(value)).toLocaleString() : value
          }
        />
        <Legend />
        {(["customer", "payment"] as const).map((kind) => (
          <Scatter
            key={kind}
            name={kind === "customer" ? "Customer Evaluations" : "Payment Evaluations"}
            data={points.filter((point) => point.kind === kind)}
            fill={KIND_COLOURS[kind]}
            isAnimationActive={false}
          />
        ))}
      </ScatterChart>
    </ResponsiveContainer>
  );
}

/**
 * One bar per label (risk level or decision), in the colour of its band. The bars lie across, so
 * that each label has a line of its own however narrow the chart: side by side, "elevated" and
 * "highest" ran together in half a desktop card.
 */
export function CountBars({ counts }: { counts: Count[] }) {
  return (
    <ResponsiveContainer width="100%" height="90%">
      <BarChart data={counts} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} fontSize={12} />
        {/* Every bar keeps its label: by default recharts drops the ticks it finds crowded. */}
        <YAxis type="category" dataKey="label" fontSize={12} interval={0} width={64} />
        <Tooltip />
        <Bar dataKey="count" name="Evaluations" isAnimationActive={false}>
          {counts.map((count) => (
            <Cell key={count.label} fill={BAR_COLOURS[count.label] ?? "#94a3b8"} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
