import { lazy, type ComponentType } from 'react';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import PolicyIcon from '@mui/icons-material/Gavel';
import VersionIcon from '@mui/icons-material/History';
import AuditIcon from '@mui/icons-material/FactCheck';
import UserIcon from '@mui/icons-material/People';
import WebhookIcon from '@mui/icons-material/Webhook';
import DeliveryLogIcon from '@mui/icons-material/ReceiptLong';
import ChangeFeedIcon from '@mui/icons-material/DynamicFeed';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider/dataProvider';
import { i18nProvider } from './i18n/ja';
import { Layout } from './common/Layout';
import { darkTheme, lightTheme } from './theme';
import { versionName } from './versions/hooks';
import type { Role } from './authProvider';

/**
 * Each screen is its own chunk, fetched when first opened, so the app's first load carries only react-admin, the
 * layout and the Japanese texts. The login screen comes before all this (main.tsx, login/): it loads without react-admin.
 * react-admin's layout shows its spinner meanwhile.
 */
function screen<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
const PolicyList = screen(() => import('./policies/PolicyList'), 'PolicyList');
const PolicyShow = screen(() => import('./policies/PolicyShow'), 'PolicyShow');
const VersionList = screen(() => import('./versions/VersionList'), 'VersionList');
const VersionShow = screen(() => import('./versions/VersionShow'), 'VersionShow');
const VersionCreate = screen(() => import('./versions/VersionCreate'), 'VersionCreate');
const VersionEdit = screen(() => import('./versions/VersionEdit'), 'VersionEdit');
const ReviewQueue = screen(() => import('./reviews/ReviewQueue'), 'ReviewQueue');
const PreviewPage = screen(() => import('./preview/PreviewPage'), 'PreviewPage');
const AuditList = screen(() => import('./audit/AuditList'), 'AuditList');
const AuditShow = screen(() => import('./audit/AuditShow'), 'AuditShow');
const UserList = screen(() => import('./users/UserList'), 'UserList');
const UserCreate = screen(() => import('./users/UserCreate'), 'UserCreate');
const UserEdit = screen(() => import('./users/UserEdit'), 'UserEdit');
const ChangePasswordPage = screen(() => import('./users/ChangePasswordPage'), 'ChangePasswordPage');
const WebhookList = screen(() => import('./delivery/WebhookList'), 'WebhookList');
const WebhookCreate = screen(() => import('./delivery/WebhookCreate'), 'WebhookCreate');
const WebhookEdit = screen(() => import('./delivery/WebhookEdit'), 'WebhookEdit');
const DeliveryList = screen(() => import('./delivery/DeliveryList'), 'DeliveryList');
const DeliveryShow = screen(() => import('./delivery/DeliveryShow'), 'DeliveryShow');
const ChangeFeedList = screen(() => import('./delivery/ChangeFeedList'), 'ChangeFeedList');
const UpcomingChangesPage = screen(() => import('./calendar/UpcomingChangesPage'), 'UpcomingChangesPage');

const has = (permissions: Role[] | undefined, ...roles: Role[]) => !!permissions?.some((role) => roles.includes(role));

/** react-admin's app; `loginPage` is what main.tsx puts at #/login (it brings back the small login screen). */
export const App = ({ loginPage }: { loginPage: ComponentType }) => (
  <Admin
    title="policy-cms"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    theme={lightTheme}
    darkTheme={darkTheme}
    loginPage={loginPage}
    requireAuth
    disableTelemetry
  >
    {(permissions: Role[]) => (
      <>
        <Resource name="policies" list={PolicyList} show={PolicyShow} icon={PolicyIcon} recordRepresentation="title" />
        <Resource
          name="versions"
          list={VersionList}
          show={VersionShow}
          create={has(permissions, 'EDITOR', 'ADMIN') ? VersionCreate : undefined}
          edit={has(permissions, 'EDITOR', 'ADMIN') ? VersionEdit : undefined}
          icon={VersionIcon}
          recordRepresentation={(record) => versionName(record)}
        />
        {has(permissions, 'AUDITOR', 'ADMIN') && <Resource name="audit" list={AuditList} show={AuditShow} icon={AuditIcon} />}
        {has(permissions, 'ADMIN') && (
          <Resource name="users" list={UserList} create={UserCreate} edit={UserEdit} icon={UserIcon} recordRepresentation="displayName" />
        )}
        {/* 配信: the change feed for all staff; webhook subscriptions and their log for ADMIN only. */}
        <Resource name="changes" list={ChangeFeedList} icon={ChangeFeedIcon} />
        {has(permissions, 'ADMIN') && (
          <Resource name="webhooks" list={WebhookList} create={WebhookCreate} edit={WebhookEdit} icon={WebhookIcon} recordRepresentation="url" />
        )}
        {has(permissions, 'ADMIN') && <Resource name="webhook-deliveries" list={DeliveryList} show={DeliveryShow} icon={DeliveryLogIcon} />}
        <CustomRoutes>
          <Route path="/reviews" element={<ReviewQueue />} />
          <Route path="/preview" element={<PreviewPage />} />
          <Route path="/calendar" element={<UpcomingChangesPage />} />
          {/* Every signed-in person's own password (the user menu's パスワードの変更). */}
          <Route path="/account/password" element={<ChangePasswordPage />} />
        </CustomRoutes>
      </>
    )}
  </Admin>
);
