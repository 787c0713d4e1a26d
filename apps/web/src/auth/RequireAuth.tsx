import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageLoader } from '../components/PageLoader';
import { AppLayout } from '../layout/AppLayout';
import { NoWorkspace } from '../layout/NoWorkspace';
import { useMe } from './use-me';

export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader />;
  if (me.error) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <AppLayout me={me.data}>{me.data.currentWorkspaceId ? <Outlet /> : <NoWorkspace />}</AppLayout>;
}
