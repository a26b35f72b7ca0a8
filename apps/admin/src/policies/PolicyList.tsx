import { Button as MuiButton, Chip, Stack } from '@mui/material';
import ListIcon from '@mui/icons-material/FormatListNumbered';
import AddIcon from '@mui/icons-material/Add';
import { Link } from 'react-router-dom';
import { DataTable, List, SearchInput, TextField, useRecordContext } from 'react-admin';
import { may } from '../authProvider';
import { versionTexts as T } from '../i18n/messages-versions';

/** The versions list filtered by one policy. */
export function versionsOfPolicyPath(policyKey: string): { pathname: string; search: string } {
  return {
    pathname: '/versions',
    search: `?filter=${encodeURIComponent(JSON.stringify({ policyKey }))}&order=DESC&sort=effectiveFrom`,
  };
}

/** versions/create with the policy preset (react-admin reads `source` as the form's default values). */
export function createVersionPath(policyKey: string): { pathname: string; search: string } {
  return { pathname: '/versions/create', search: `?source=${encodeURIComponent(JSON.stringify({ policyKey }))}` };
}

const PolicyActions = () => {
  const record = useRecordContext();
  if (!record) return null;
  const key = String(record.key);
  return (
    <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }} onClick={(e) => e.stopPropagation()}>
      <MuiButton
        component={Link}
        to={versionsOfPolicyPath(key)}
        size="small"
        startIcon={<ListIcon />}
        data-testid={`policy-versions-${key}`}
      >
        {T.policies.versions}
      </MuiButton>
      {may('edit') && (
        <MuiButton
          component={Link}
          to={createVersionPath(key)}
          size="small"
          variant="outlined"
          startIcon={<AddIcon />}
          data-testid={`policy-create-version-${key}`}
        >
          {T.policies.createVersion}
        </MuiButton>
      )}
    </Stack>
  );
};

const KindChip = () => {
  const record = useRecordContext();
  return record ? <Chip size="small" variant="outlined" label={String(record.kind)} sx={{ fontFamily: 'monospace' }} /> : null;
};

const filters = [<SearchInput key="q" source="q" alwaysOn placeholder={T.policies.searchPlaceholder} />];

/** The policies, with links to their versions and, for editors, a button that starts a new version from today's. */
export const PolicyList = () => (
  <List title={T.title.policies} filters={filters} sort={{ field: 'key', order: 'ASC' }} perPage={50} exporter={false}>
    <DataTable
      rowClick={(_id, _resource, record) => `/versions?filter=${encodeURIComponent(JSON.stringify({ policyKey: record.key }))}`}
      bulkActionButtons={false}
    >
      <DataTable.Col source="key" label="resources.policies.fields.key">
        <TextField source="key" sx={{ fontFamily: 'monospace' }} />
      </DataTable.Col>
      <DataTable.Col source="title" label="resources.policies.fields.title" />
      <DataTable.Col source="section" label="resources.policies.fields.section" />
      <DataTable.Col source="kind" label="resources.policies.fields.kind" field={KindChip} />
      <DataTable.Col label="" disableSort>
        <PolicyActions />
      </DataTable.Col>
    </DataTable>
  </List>
);
