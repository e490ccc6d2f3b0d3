import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Dashboard, UsageDay } from '../../api/account';

/**
 * Daily usage drawn with uPlot (a small canvas time-series library): SMS and verifications as
 * daily counts with their month-to-date total against the plan's monthly limit (a red dashed
 * line), API requests with errors, and spend. The table below the charts keeps the exact figures.
 */
type Limits = Dashboard['limits'];

interface SeriesDef {
  readonly label: string;
  readonly values: number[];
  readonly color: string;
  readonly dash?: number[];
  readonly fill?: string;
}

const COLORS = {
  primary: '#2453d6',
  second: '#0f8a5f',
  total: '#6b4fbb',
  limit: '#b3261e',
  error: '#c46a00',
};
const HEIGHT = 200;

function cumulative(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((v) => {
    sum += v;
    return sum;
  });
}

function Chart({
  title,
  x,
  series,
}: {
  readonly title: string;
  readonly x: number[];
  readonly series: SeriesDef[];
}) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: Math.max(240, el.clientWidth),
        height: HEIGHT,
        scales: { x: { time: true } },
        axes: [{}, { size: 56 }],
        legend: { show: true },
        series: [
          { label: 'Day' },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            ...(s.dash ? { dash: s.dash } : {}),
            ...(s.fill ? { fill: s.fill } : {}),
          })),
        ],
      },
      [x, ...series.map((s) => s.values)],
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(240, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series]);

  return (
    <figure className="usage-chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div ref={host} />
    </figure>
  );
}

interface ChartDef {
  readonly title: string;
  readonly series: SeriesDef[];
}

function chartsFor(days: readonly UsageDay[], limits: Limits | undefined): ChartDef[] {
  const col = (pick: (d: UsageDay) => number) => days.map(pick);
  const limitLine = (limit: number | undefined): SeriesDef[] =>
    limit === undefined
      ? []
      : [{ label: 'Monthly limit', values: days.map(() => limit), color: COLORS.limit, dash: [6, 4] }];
  const sent = col((d) => d.smsSent);
  const verifications = col((d) => d.verifications);
  return [
    {
      title: 'SMS per day',
      series: [
        { label: 'Sent', values: sent, color: COLORS.primary },
        { label: 'Received', values: col((d) => d.smsReceived), color: COLORS.second },
        { label: 'Sent this month', values: cumulative(sent), color: COLORS.total, dash: [2, 3] },
        ...limitLine(limits?.smsPerMonth),
      ],
    },
    {
      title: 'Verifications per day',
      series: [
        { label: 'Verifications', values: verifications, color: COLORS.primary },
        { label: 'This month', values: cumulative(verifications), color: COLORS.total, dash: [2, 3] },
        ...limitLine(limits?.verificationsPerMonth),
      ],
    },
    {
      title: 'API requests per day',
      series: [
        { label: 'Requests', values: col((d) => d.apiRequests), color: COLORS.primary },
        { label: 'Errors', values: col((d) => d.errors), color: COLORS.error },
      ],
    },
    {
      title: 'Spend per day (USD)',
      series: [
        {
          label: 'Spend',
          values: col((d) => d.spendCents / 100),
          color: COLORS.primary,
          fill: 'rgba(36,83,214,0.12)',
        },
      ],
    },
  ];
}

export function UsageCharts({
  days,
  limits,
}: {
  readonly days: readonly UsageDay[];
  readonly limits?: Limits;
}) {
  const x = useMemo(
    () => days.map((d) => Date.parse(d.date.length === 10 ? `${d.date}T00:00:00Z` : d.date) / 1000),
    [days],
  );
  const charts = useMemo(() => chartsFor(days, limits), [days, limits]);
  return (
    <div className="usage-charts">
      {charts.map((chart) => (
        <Chart key={chart.title} title={chart.title} x={x} series={chart.series} />
      ))}
    </div>
  );
}
