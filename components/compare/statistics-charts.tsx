"use client";

import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** One metric across the columns: each column's mean and standard deviation. */
export interface MetricSeries {
  label: string;
  /** e.g. "s"; shown in the tooltip */
  unit?: string;
  points: { column: string; name: string; mean: number | null; sd: number }[];
}

const fmt = (v: unknown) =>
  typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 2 }) : "—";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 });
const tick = (v: number) => compact.format(v);

/**
 * A small bar chart per metric (mean, with ± sd whiskers), the columns in order: loaded on demand (recharts
 * is not part of the comparison page's first load).
 */
export function StatisticsCharts({ series }: { series: MetricSeries[] }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {series.map((s) => (
        <figure key={s.label} className="grid gap-1 rounded-lg border px-2 pt-1.5 pb-1">
          <figcaption className="font-medium text-[12px]">
            {s.label}
            <span className="font-normal text-muted-foreground"> · mean ± sd</span>
          </figcaption>
          <div
            className="h-28"
            role="img"
            aria-label={`${s.label}: ${s.points.map((p) => `column ${p.column} ${fmt(p.mean)}`).join(", ")}`}
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={s.points}
                accessibilityLayer={false}
                margin={{ top: 6, right: 4, bottom: 0, left: -14 }}
              >
                <CartesianGrid vertical={false} stroke="var(--border)" />
                <XAxis
                  dataKey="column"
                  tickLine={false}
                  axisLine={false}
                  fontSize={11}
                  stroke="var(--muted-foreground)"
                />
                {/* From 0: a whisker reaching below it (a wide spread) is cut rather than giving negative ticks. */}
                <YAxis
                  domain={[0, "auto"]}
                  allowDataOverflow
                  tickFormatter={tick}
                  tickLine={false}
                  axisLine={false}
                  fontSize={10}
                  width={44}
                  stroke="var(--muted-foreground)"
                />
                <Tooltip
                  cursor={{ fill: "var(--muted)" }}
                  contentStyle={{
                    background: "var(--popover)",
                    border: "1px solid var(--border)",
                    borderRadius: 8,
                    fontSize: 12,
                    color: "var(--popover-foreground)",
                  }}
                  labelFormatter={(_, payload) => {
                    const p = payload?.[0]?.payload as MetricSeries["points"][number] | undefined;
                    return p ? `Column ${p.column}${p.name ? ` · ${p.name}` : ""}` : "";
                  }}
                  formatter={(v, _name, item) => {
                    const p = item.payload as MetricSeries["points"][number];
                    return [`${fmt(v)} ± ${fmt(p.sd)}${s.unit ? ` ${s.unit}` : ""}`, "mean ± sd"];
                  }}
                />
                <Bar dataKey="mean" fill="var(--ring)" radius={[3, 3, 0, 0]} isAnimationActive={false}>
                  <ErrorBar dataKey="sd" width={6} stroke="var(--foreground)" strokeWidth={1.2} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      ))}
    </div>
  );
}
