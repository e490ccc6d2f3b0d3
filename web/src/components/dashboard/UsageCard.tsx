import { useId } from 'react';
import { formatNumber } from '../../lib/format';

interface Props {
  readonly label: string;
  readonly used: number;
  /** A monthly cap; without one only the count is shown. */
  readonly limit?: number;
  readonly note?: string;
}

/** One usage figure this period with its plan limit and a progress bar. */
export function UsageCard({ label, used, limit, note }: Props) {
  const id = useId();
  const percent = limit ? Math.min(100, Math.round((used / limit) * 100)) : 0;
  const level = percent >= 100 ? 'full' : percent >= 80 ? 'high' : 'ok';
  return (
    <section className="card usage-card" aria-labelledby={id}>
      <h3 id={id}>{label}</h3>
      <p className="figure">
        <span className="value">{formatNumber(used)}</span>
        {limit ? <span className="muted"> / {formatNumber(limit)}</span> : null}
      </p>
      {limit ? (
        <div
          className={`bar ${level}`}
          role="progressbar"
          aria-label={`${label} used`}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={Math.min(used, limit)}
          aria-valuetext={`${formatNumber(used)} of ${formatNumber(limit)} (${percent}%)`}
        >
          <span style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      {note ? <p className="muted small">{note}</p> : null}
    </section>
  );
}
