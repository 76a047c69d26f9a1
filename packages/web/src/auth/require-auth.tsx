import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useMe } from '../api/queries';
import { Loading } from '../components/loading';
import { QueryError } from '../components/query-error';
import { UserContext } from './user-context';

/** Renders its children for a signed-in user; otherwise sends the visitor to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading fullPage />;
  if (me.isError) {
    return (
      <div style={{ padding: 24 }}>
        <QueryError title={t('errors.unexpected')} error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <UserContext.Provider value={me.data}>{children}</UserContext.Provider>;
}
