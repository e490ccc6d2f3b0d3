import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { listOwned } from '../api/numbers';
import type { OwnedNumber } from '../api/numbers';
import { Alert } from '../components/Alert';
import { Marketplace } from '../components/numbers/Marketplace';
import { OptOuts } from '../components/numbers/OptOuts';
import { OwnedNumbers } from '../components/numbers/OwnedNumbers';
import { useToast } from '../components/Toasts';

export function NumbersPage() {
  const [owned, setOwned] = useState<OwnedNumber[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const toast = useToast();

  const reload = useCallback(async () => {
    try {
      setOwned((await listOwned()).items);
      setError('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <div className="page">
      <h1>Numbers</h1>
      <Alert>{error}</Alert>
      <OwnedNumbers
        numbers={owned}
        loading={loading}
        onChanged={(n) => setOwned((all) => all.map((o) => (o.phoneNumber === n.phoneNumber ? n : o)))}
      />
      <OptOuts numbers={owned.filter((n) => n.status !== 'expired').map((n) => n.phoneNumber)} />
      <Marketplace
        onBought={() => {
          toast('Number purchased', 'It is ready to send and receive SMS.');
          void reload();
        }}
      />
    </div>
  );
}
