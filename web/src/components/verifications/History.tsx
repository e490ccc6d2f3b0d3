import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { errorMessage, newIdempotencyKey } from '../../api/client';
import type { Verification, VerificationService, VerificationStatus } from '../../api/verifications';
import {
  exportVerifications,
  type HistoryFilters,
  listVerifications,
  reuseVerification,
} from '../../api/verifications';
import { formatDateTime, formatMoney } from '../../lib/format';
import { verificationProblem } from '../../lib/verification-problems';
import { Alert } from '../Alert';

const STATUSES: readonly VerificationStatus[] = ['pending', 'received', 'completed', 'expired', 'cancelled'];

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A completed request can be rented again for this long (POST /reuse). */
const REUSE_WINDOW_MS = 30 * 86_400_000;

/** Past requests, filtered, with CSV/JSON export of the same filter. */
export function History({
  services,
  refreshKey,
  onReused,
}: {
  readonly services: readonly VerificationService[];
  readonly refreshKey: number;
  /** A new request on a past request's number ("Use this number again"). */
  readonly onReused?: (v: Verification) => void;
}) {
  const reuseKeys = useRef(new Map<string, string>());
  const reuse = async (v: Verification) => {
    if (!onReused) return;
    const key = reuseKeys.current.get(v.id) ?? newIdempotencyKey();
    reuseKeys.current.set(v.id, key);
    setError('');
    try {
      onReused(await reuseVerification(v.id, key));
      reuseKeys.current.delete(v.id);
    } catch (err) {
      setError(verificationProblem(err));
    }
  };
  const ids = { service: useId(), status: useId(), from: useId(), to: useId() };
  const [filters, setFilters] = useState<HistoryFilters>({ service: '', status: '', from: '', to: '' });
  const [applied, setApplied] = useState<HistoryFilters>(filters);
  const [items, setItems] = useState<Verification[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [exporting, setExporting] = useState(false);

  const load = useCallback(async (f: HistoryFilters, after: string | null) => {
    try {
      const page = await listVerifications(f, after);
      setItems((all) => (after ? [...all, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError('');
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void refreshKey;
    void load(applied, null);
  }, [applied, load, refreshKey]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(filters);
  };

  const doExport = async (format: 'csv' | 'json') => {
    setExporting(true);
    setError('');
    try {
      const result = await exportVerifications(format, applied);
      if ('blob' in result) save(result.blob, `verifications.${format}`);
      else window.location.assign(result.url);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };

  const name = (id: string) => services.find((s) => s.id === id)?.name ?? id;
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <form className="filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.service}>Filter by service</label>
          <select
            id={ids.service}
            value={filters.service}
            onChange={(e) => setFilters({ ...filters, service: e.target.value })}
          >
            <option value="">All services</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>Status</label>
          <select
            id={ids.status}
            value={filters.status}
            onChange={(e) => setFilters({ ...filters, status: e.target.value as VerificationStatus | '' })}
          >
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.from}>From</label>
          <input
            id={ids.from}
            type="date"
            value={filters.from}
            onChange={(e) => setFilters({ ...filters, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>To</label>
          <input
            id={ids.to}
            type="date"
            value={filters.to}
            onChange={(e) => setFilters({ ...filters, to: e.target.value })}
          />
        </div>
        <button type="submit">Apply filters</button>
      </form>
      <div className="row">
        <button
          type="button"
          className="secondary small"
          disabled={exporting}
          onClick={() => void doExport('csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          className="secondary small"
          disabled={exporting}
          onClick={() => void doExport('json')}
        >
          Export JSON
        </button>
      </div>
      <Alert>{error}</Alert>
      <div className="table-wrap">
        <table className="stack-table">
          <caption className="sr-only">Verification history</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Number</th>
              <th scope="col">Status</th>
              <th scope="col">Code</th>
              <th scope="col">Price</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.id}>
                <th scope="row">{name(v.service)}</th>
                <td className="mono" data-label="Number">
                  {v.phoneNumber}
                </td>
                <td className="action">
                  <span className={`pill ${v.status}`}>{v.status}</span>
                  {onReused &&
                  v.status === 'completed' &&
                  Date.now() - Date.parse(v.createdAt) <= REUSE_WINDOW_MS ? (
                    <button type="button" className="link small" onClick={() => void reuse(v)}>
                      Use this number again
                    </button>
                  ) : null}
                </td>
                <td className="mono" data-label="Code">
                  {v.finalCode ?? v.codes.at(-1)?.code ?? '—'}
                </td>
                <td data-label="Price">{formatMoney(v.priceCents)}</td>
                <td data-label="Created">{formatDateTime(v.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length === 0 ? <p className="muted">No verifications match.</p> : null}
      {cursor ? (
        <button type="button" className="secondary" onClick={() => void load(applied, cursor)}>
          Show more
        </button>
      ) : null}
    </section>
  );
}
