import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { Edit, useRecordContext, useTranslate } from 'react-admin';
import { useIsoWithEra } from '../common/dates';
import type { VersionStatus } from '../i18n/messages-versions';
import { StatusChip } from './StatusChip';
import { EDITABLE_STATUSES, VersionEditForm, toSaved, useSaveErrorHandler } from './VersionForm';
import { usePolicy } from './hooks';

const EditTitle = () => {
  const translate = useTranslate();
  const record = useRecordContext();
  const policy = usePolicy(record?.policyKey as string | undefined);
  const title = translate('versions.title.edit');
  return <span>{record ? `${title}: ${policy?.title ?? ''} ${translate('kinds.versionNumber', { number: record.number })}` : title}</span>;
};

/** Which version this is, and what saving will do to its workflow state. */
const EditHeader = () => {
  const translate = useTranslate();
  const record = useRecordContext();
  const policy = usePolicy(record?.policyKey as string | undefined);
  if (!record) return null;
  return (
    <Box sx={{ px: 2, pt: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h6">
          {policy?.title ?? ''}
          <Typography component="span" sx={{ ml: 1 }} color="text.secondary">
            {translate('kinds.versionNumber', { number: record.number })}
          </Typography>
        </Typography>
        <StatusChip status={String(record.status)} />
        <Typography variant="caption" color="text.secondary">
          {translate('versions.form.revision', { revision: String(record.revision) })}
        </Typography>
      </Stack>
      {record.status === 'APPROVED' && (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="edit-after-approval-note">
          {translate('versions.form.editAfterApproval')}
        </Alert>
      )}
      {record.status === 'IN_REVIEW' && (
        <Alert severity="info" sx={{ mt: 1 }} data-testid="edit-in-review-note">
          {translate('versions.form.editInReview')}
        </Alert>
      )}
    </Box>
  );
};

/** Published, withdrawn and rejected versions are read-only: say so and offer the way forward. */
const EditOrReadOnly = () => {
  const translate = useTranslate();
  const record = useRecordContext();
  const isoWithEra = useIsoWithEra();
  if (!record) return null;
  if (!EDITABLE_STATUSES.includes(String(record.status))) {
    return (
      <Box sx={{ p: 2 }}>
        <Alert severity="info" data-testid="read-only-note">
          {translate('versions.form.readOnly', { status: translate(`versions.status.${record.status as VersionStatus}`) })}
          <Box sx={{ mt: 1 }}>
            {isoWithEra(String(record.effectiveFrom))}〜{record.effectiveThrough ? isoWithEra(String(record.effectiveThrough)) : translate('versions.dates.openEnded')}
          </Box>
        </Alert>
        <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
          <Button component={Link} to={`/versions/${encodeURIComponent(String(record.id))}/show`}>
            {translate('versions.title.show')}
          </Button>
          <Button
            component={Link}
            variant="contained"
            to={{ pathname: '/versions/create', search: `?source=${encodeURIComponent(JSON.stringify({ policyKey: record.policyKey }))}` }}
          >
            {translate('versions.title.create')}
          </Button>
        </Stack>
      </Box>
    );
  }
  return (
    <>
      <EditHeader />
      <VersionEditForm record={record} />
    </>
  );
};

/**
 * Edits a DRAFT, IN_REVIEW or APPROVED version (the server sends the latter two back to DRAFT). Pessimistic, so the
 * server's field errors land on the fields and a stale revision (CONFLICT) is reported instead of silently lost.
 */
export const VersionEdit = () => {
  const onError = useSaveErrorHandler();
  return (
    <Edit title={<EditTitle />} mutationMode="pessimistic" mutationOptions={{ onError }} transform={toSaved} redirect="show">
      <EditOrReadOnly />
    </Edit>
  );
};
