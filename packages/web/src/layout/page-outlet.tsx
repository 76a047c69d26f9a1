import { Layout } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { ErrorBoundary } from '../components/error-boundary';
import { Loading } from '../components/loading';

/** The routed page of a shell: its own error boundary (reset on navigation) and a loading fallback. */
export function PageOutlet({ className = 'shell-content' }: { className?: string }) {
  const { pathname } = useLocation();
  return (
    <Layout.Content className={className}>
      <main>
        <ErrorBoundary resetKey={pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </Layout.Content>
  );
}
