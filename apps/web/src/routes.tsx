import { Anchor, Text } from '@mantine/core';
import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { EmptyState } from './components/EmptyState';
import { PageLoader } from './components/PageLoader';
import { ForgotPasswordPage } from './pages/auth/ForgotPasswordPage';
import { LoginPage } from './pages/auth/LoginPage';
import { ResetPasswordPage } from './pages/auth/ResetPasswordPage';
import { SignupPage } from './pages/auth/SignupPage';
import { ProcessingsPage } from './pages/processings/ProcessingsPage';

// The editor (CodeMirror), history (charts) and the rest load on first visit; the list page stays light.
const EditorPage = lazy(() => import('./pages/editor/EditorPage'));
const HistoryPage = lazy(() => import('./pages/history/HistoryPage'));
const OperationPage = lazy(() => import('./pages/operation/OperationPage'));
const SecretsPage = lazy(() => import('./pages/settings/SecretsPage'));
const MembersPage = lazy(() => import('./pages/settings/MembersPage'));
const SessionsPage = lazy(() => import('./pages/settings/SessionsPage'));
const WizardGalleryPage = lazy(() => import('./pages/wizard/WizardGalleryPage'));
const WizardSetupPage = lazy(() => import('./pages/wizard/WizardSetupPage'));
const WizardFinishPage = lazy(() => import('./pages/wizard/WizardFinishPage'));
const SystemPage = lazy(() => import('./pages/system/SystemPage'));

function load(Page: ComponentType) {
  return (
    <Suspense fallback={<PageLoader />}>
      <Page />
    </Suspense>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <EmptyState title={t('errors.pageNotFound')}>
      <Text size="sm">
        <Anchor component={Link} to="/processings">
          {t('nav.processings')}
        </Anchor>
      </Text>
    </EmptyState>
  );
}

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignupPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  {
    element: <RequireAuth />,
    children: [
      { index: true, element: <Navigate to="/processings" replace /> },
      { path: '/processings', element: <ProcessingsPage /> },
      { path: '/wizard', element: load(WizardGalleryPage) },
      { path: '/wizard/:entryId', element: load(WizardSetupPage) },
      { path: '/wizard/:entryId/:processingId', element: load(WizardFinishPage) },
      { path: '/processings/:id', element: load(EditorPage) },
      { path: '/processings/:id/history', element: load(HistoryPage) },
      { path: '/operations/:id', element: load(OperationPage) },
      { path: '/settings/secrets', element: load(SecretsPage) },
      { path: '/settings/members', element: load(MembersPage) },
      { path: '/settings/sessions', element: load(SessionsPage) },
      { path: '/system', element: load(SystemPage) },
      { path: '*', element: <NotFound /> },
    ],
  },
];
