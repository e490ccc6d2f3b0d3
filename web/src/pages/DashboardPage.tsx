import { useCallback, useEffect, useState } from 'react';
import { getDashboard } from '../api/account';
import { errorMessage } from '../api/client';
import type { Dashboard } from '../api/account';
import { useSession } from '../auth/session';
import { Alert } from '../components/Alert';
import { DeleteAccount, ExportData } from '../components/dashboard/AccountLifecycle';
import { ApiKeys } from '../components/dashboard/ApiKeys';
import { Overview } from '../components/dashboard/Overview';
import { Plans } from '../components/dashboard/Plans';
import { Preferences } from '../components/dashboard/Preferences';
import { PasswordForm, ProfileForm } from '../components/dashboard/ProfileForm';
import { UsageDetails } from '../components/dashboard/UsageDetails';

export function DashboardPage() {
  const { me, setMe, reloadMe } = useSession();
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState('');

  const reload = useCallback(async () => {
    try {
      setData(await getDashboard());
      setError('');
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <div className="page">
      <h1>Dashboard</h1>
      <Alert>{error}</Alert>
      {data ? <Overview data={data} /> : error ? null : <p className="muted">Loading…</p>}
      <UsageDetails limits={data?.limits} />
      <Plans
        current={data?.account.plan ?? me?.plan ?? 'free'}
        onChanged={() => {
          void reload();
          void reloadMe().catch(() => {});
        }}
      />
      <div className="cards two">
        {me ? <ProfileForm me={me} onSaved={setMe} /> : null}
        <PasswordForm />
      </div>
      <ApiKeys />
      <Preferences />
      <div className="cards two">
        <ExportData />
        <DeleteAccount />
      </div>
    </div>
  );
}
