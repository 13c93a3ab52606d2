import { useMemo, type ReactNode } from 'react';
import { ApolloProvider } from '@apollo/client';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/layout';
import { createClient } from './graphql/client';
import { I18nProvider } from './i18n/i18n';
import { AccessGrantsPage } from './pages/access-grants';
import { ApiClientsPage } from './pages/api-clients';
import { AssistancePage } from './pages/assistance';
import { AuditPage } from './pages/audit';
import { DatasetPage } from './pages/dataset';
import { InterestsPage } from './pages/interests';
import { PreviewPage } from './pages/preview';
import { PrivacyPage } from './pages/privacy';
import { RespondentPrivacyPage } from './pages/respondent-privacy';
import { ReportPage } from './pages/report';
import { RightsPage } from './pages/rights';
import { RightsRequestPage } from './pages/rights-request';
import { RegisterPage, SignInPage } from './pages/sign-in';
import { WorkspacePage } from './pages/workspace';
import { WorkspacesPage } from './pages/workspaces';
import { policyVersionToAcknowledge, useSessionState } from './session/session';
import { PolicyAcknowledgementPage } from './pages/policy';

/** Pages that need a signed-in person send everyone else to the sign-in page, and first ask for a changed policy's acknowledgement. */
function SignedIn({ children }: { children: ReactNode }) {
  const state = useSessionState();
  if (state.status === 'restoring') return null;
  if (state.status !== 'signed-in') return <Navigate to="/sign-in" replace />;
  const pending = policyVersionToAcknowledge(state.session.accessToken);
  return pending === undefined ? <>{children}</> : <PolicyAcknowledgementPage version={pending} />;
}

/** One route per page; a new feature is a new page here and its documents in graphql/. */
const signedInPages: Array<[path: string, page: ReactNode]> = [
  ['/workspaces', <WorkspacesPage />],
  ['/workspaces/:workspaceId', <WorkspacePage />],
  ['/workspaces/:workspaceId/datasets/:datasetId', <DatasetPage />],
  ['/workspaces/:workspaceId/reports/:reportId', <ReportPage />],
  ['/workspaces/:workspaceId/rights', <RightsPage />],
  ['/workspaces/:workspaceId/rights/:requestId', <RightsRequestPage backTo={(p) => `/workspaces/${p['workspaceId']}/rights`} />],
  ['/workspaces/:workspaceId/preview', <PreviewPage />],
  ['/workspaces/:workspaceId/audit', <AuditPage />],
  ['/workspaces/:workspaceId/api-clients', <ApiClientsPage />],
  ['/assistance', <AssistancePage />],
  ['/interests', <InterestsPage />],
  ['/workspaces/:workspaceId/access', <AccessGrantsPage />],
  ['/privacy', <PrivacyPage />],
  ['/privacy/requests/:requestId', <RightsRequestPage backTo={() => '/privacy'} />],
];

export function App() {
  const client = useMemo(createClient, []);
  const state = useSessionState();
  return (
    <ApolloProvider client={client}>
      <I18nProvider>
        {/* Hash routes: the gateway serves one index.html at / and needs no fallback for deep links. */}
        <HashRouter>
          <Layout>
            <Routes>
              <Route path="/" element={state.status === 'restoring' ? null : <Navigate to={state.status === 'signed-in' ? '/workspaces' : '/sign-in'} replace />} />
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="/register" element={<RegisterPage />} />
              {/* A workspace's public privacy page: its customers have no account, they verify their email there. */}
              <Route path="/privacy/:workspaceId" element={<RespondentPrivacyPage />} />
              {signedInPages.map(([path, page]) => (
                <Route key={path} path={path} element={<SignedIn>{page}</SignedIn>} />
              ))}
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Layout>
        </HashRouter>
      </I18nProvider>
    </ApolloProvider>
  );
}
