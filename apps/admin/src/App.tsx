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
import { PolicyList } from './policies/PolicyList';
import { PolicyShow } from './policies/PolicyShow';
import { VersionList } from './versions/VersionList';
import { VersionShow } from './versions/VersionShow';
import { VersionCreate } from './versions/VersionCreate';
import { VersionEdit } from './versions/VersionEdit';
import { ReviewQueue } from './reviews/ReviewQueue';
import { PreviewPage } from './preview/PreviewPage';
import { AuditList } from './audit/AuditList';
import { AuditShow } from './audit/AuditShow';
import { UserList } from './users/UserList';
import { UserCreate } from './users/UserCreate';
import { UserEdit } from './users/UserEdit';
import { WebhookList } from './delivery/WebhookList';
import { WebhookCreate } from './delivery/WebhookCreate';
import { WebhookEdit } from './delivery/WebhookEdit';
import { DeliveryList } from './delivery/DeliveryList';
import { DeliveryShow } from './delivery/DeliveryShow';
import { ChangeFeedList } from './delivery/ChangeFeedList';
import type { Role } from './authProvider';

const has = (permissions: Role[] | undefined, ...roles: Role[]) => !!permissions?.some((role) => roles.includes(role));

export const App = () => (
  <Admin
    title="policy-cms"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
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
          recordRepresentation={(record) => `${record.policyKey} #${record.number}`}
        />
        {has(permissions, 'AUDITOR', 'ADMIN') && <Resource name="audit" list={AuditList} show={AuditShow} icon={AuditIcon} />}
        {has(permissions, 'ADMIN') && (
          <Resource name="users" list={UserList} create={UserCreate} edit={UserEdit} icon={UserIcon} recordRepresentation="username" />
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
        </CustomRoutes>
      </>
    )}
  </Admin>
);
