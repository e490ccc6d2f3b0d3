import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { errorMessage } from '../../api/client';
import { type NumberFilters, searchAvailable } from '../../api/numbers';
import type { AvailableNumber, Capability, NumberType } from '../../api/numbers';
import { COUNTRIES, formatMoney } from '../../lib/format';
import { Alert } from '../Alert';
import { BuyDialog } from './BuyDialog';

/** Search the marketplace by country, type, capability and digits; buy with a confirmation step. */
export function Marketplace({ onBought }: { readonly onBought: () => void }) {
  const ids = { country: useId(), type: useId(), capability: useId(), contains: useId() };
  const [filters, setFilters] = useState<NumberFilters>({
    country: 'US',
    type: '',
    capability: 'sms',
    contains: '',
  });
  const [applied, setApplied] = useState<NumberFilters>(filters);
  const [items, setItems] = useState<AvailableNumber[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [selected, setSelected] = useState<string | null>(null);

  const load = useCallback(async (f: NumberFilters, after: string | null) => {
    setLoading(true);
    setError('');
    try {
      const page = await searchAvailable(f, after);
      setItems((all) => (after ? [...all, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(applied, null);
  }, [applied, load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied({ ...filters, contains: filters.contains?.replace(/\D/g, '') ?? '' });
  };

  return (
    <section aria-labelledby="market-title" className="card">
      <h2 id="market-title">Buy a number</h2>
      <form className="filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.country}>Country</label>
          <select
            id={ids.country}
            value={filters.country}
            onChange={(e) => setFilters({ ...filters, country: e.target.value })}
          >
            {COUNTRIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.type}>Type</label>
          <select
            id={ids.type}
            value={filters.type ?? ''}
            onChange={(e) => setFilters({ ...filters, type: e.target.value as NumberType | '' })}
          >
            <option value="">Any</option>
            <option value="local">Local</option>
            <option value="mobile">Mobile</option>
            <option value="tollfree">Toll-free</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.capability}>Capability</label>
          <select
            id={ids.capability}
            value={filters.capability ?? ''}
            onChange={(e) => setFilters({ ...filters, capability: e.target.value as Capability | '' })}
          >
            <option value="">Any</option>
            <option value="sms">SMS</option>
            <option value="mms">MMS</option>
            <option value="voice">Voice</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.contains}>Contains digits</label>
          <input
            id={ids.contains}
            inputMode="numeric"
            value={filters.contains ?? ''}
            onChange={(e) => setFilters({ ...filters, contains: e.target.value })}
          />
        </div>
        <button type="submit">Search</button>
      </form>
      <Alert>{error}</Alert>
      <div className="table-wrap">
        <table className="stack-table">
          <caption className="sr-only">Available numbers</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Region</th>
              <th scope="col">Type</th>
              <th scope="col">Capabilities</th>
              <th scope="col">Monthly</th>
              <th scope="col">Setup</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((n) => (
              <tr key={n.phoneNumber}>
                <th scope="row" className="mono">
                  {n.phoneNumber}
                </th>
                <td data-label="Region">{n.region ?? n.country}</td>
                <td data-label="Type">{n.type}</td>
                <td data-label="Capabilities">{n.capabilities.join(', ').toUpperCase()}</td>
                <td data-label="Monthly">{formatMoney(n.monthlyPriceCents)}</td>
                <td data-label="Setup">{formatMoney(n.setupPriceCents)}</td>
                <td className="action">
                  <button
                    type="button"
                    className="small"
                    aria-label={`Buy ${n.phoneNumber}`}
                    onClick={() => setSelected(n.phoneNumber)}
                  >
                    Buy
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && items.length === 0 && !error ? (
        <p className="muted">No numbers match these filters.</p>
      ) : null}
      {loading ? <p className="muted">Searching…</p> : null}
      {cursor && !loading ? (
        <button type="button" className="secondary" onClick={() => void load(applied, cursor)}>
          Show more numbers
        </button>
      ) : null}
      <BuyDialog
        phoneNumber={selected}
        onClose={() => setSelected(null)}
        onBought={() => {
          setSelected(null);
          setItems((all) => all.filter((n) => n.phoneNumber !== selected));
          onBought();
        }}
      />
    </section>
  );
}
