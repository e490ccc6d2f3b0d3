import { useEffect, useState } from 'react';
import { errorMessage, type Schemas } from '../../api/client';
import { listOptOuts } from '../../api/numbers';

type OptOut = Schemas['SmsOptOut'];

/** Recipients who texted STOP to one of the user's numbers (GET /v1/numbers/{n}/opt-outs). */
export function OptOuts({ numbers }: { readonly numbers: readonly string[] }) {
  const [items, setItems] = useState<Array<OptOut & { number: string }>>([]);
  const [error, setError] = useState('');
  const key = numbers.join(',');

  useEffect(() => {
    let live = true;
    const list = key === '' ? [] : key.split(',');
    Promise.all(
      list.map(async (number) => {
        const items = await listOptOuts(number);
        return items.map((item) => ({ ...item, number }));
      }),
    )
      .then((all) => {
        if (live) setItems(all.flat());
      })
      .catch((err: unknown) => {
        if (live) setError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, [key]);

  return (
    <section className="card" aria-labelledby="opt-outs-title" data-testid="opt-outs">
      <h2 id="opt-outs-title">Opt-outs</h2>
      {error ? <p className="error">{error}</p> : null}
      {items.length === 0 ? (
        <p className="muted">Nobody has opted out of your numbers.</p>
      ) : (
        <ul className="opt-outs">
          {items.map((o) => (
            <li key={`${o.number}-${o.phoneNumber}`}>
              {o.phoneNumber} texted {o.keyword} to {o.number} on {new Date(o.optedOutAt).toLocaleString()}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
