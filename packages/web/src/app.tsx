import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/require-auth';
import { ErrorBoundary } from './components/error-boundary';
import { Loading } from './components/loading';
import { features } from './features/registry';
import { AppShell } from './layout/app-shell';
import { PublicShell } from './layout/public-shell';
import { FeatureRoute } from './pages/feature-route';
import { createQueryClient } from './query-client';

const LoginPage = lazy(() => import('./pages/login.page'));
const RegisterPage = lazy(() => import('./pages/records/register.page'));
const HomePage = lazy(() => import('./pages/home.page'));
const NotFoundPage = lazy(() => import('./pages/not-found.page'));
const PolicyLibraryPage = lazy(() => import('./pages/policies/library.page'));
const PolicyDetailPage = lazy(() => import('./pages/policies/detail.page'));
const CalculatorPage = lazy(() => import('./pages/policies/calculator.page'));
const NewApplicationPage = lazy(() => import('./pages/applications/new.page'));
const ApplicationDetailPage = lazy(() => import('./pages/applications/detail.page'));
const StationConsentsPage = lazy(() => import('./pages/station/consents.page'));
const VerifyCertificatePage = lazy(() => import('./pages/certification/verify.page'));
const BigScreenPage = lazy(() => import('./pages/insights/big-screen.page'));
const TalentCodeVerifyPage = lazy(() => import('./pages/talent-code/verify.page'));

const theme = {
  token: {
    colorPrimary: '#1d4ed8',
    borderRadius: 8,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/verify/certificate/:no" element={<VerifyCertificatePage />} />
      <Route path="/v/:token" element={<TalentCodeVerifyPage />} />
      <Route path="/d/:district" element={<PublicShell />}>
        <Route index element={<Navigate to="policies" replace />} />
        <Route path="policies" element={<PolicyLibraryPage />} />
        <Route path="policies/:policyId" element={<PolicyDetailPage />} />
        <Route path="calculator" element={<CalculatorPage />} />
      </Route>
      <Route
        path="/big-screen/:district?"
        element={
          <RequireAuth>
            <BigScreenPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        {Object.values(features).map((feature) => (
          <Route key={feature.id} path={feature.path} element={<FeatureRoute feature={feature} />} />
        ))}
        <Route path="/policies/:policyId" element={<PolicyDetailPage />} />
        <Route path="/applications/new" element={<NewApplicationPage />} />
        <Route path="/applications/:applicationId" element={<ApplicationDetailPage />} />
        <Route path="/settings/stations" element={<StationConsentsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Providers (query cache, antd locale and theme, router) around the routes. */
export function App() {
  const { i18n } = useTranslation();
  const [queryClient] = useState(createQueryClient);
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <ConfigProvider
          locale={i18n.language === 'en' ? enUS : zhCN}
          theme={theme}
          button={{ autoInsertSpace: false }}
        >
          <AntApp>
            <BrowserRouter>
              <Suspense fallback={<Loading fullPage />}>
                <AppRoutes />
              </Suspense>
            </BrowserRouter>
          </AntApp>
        </ConfigProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
