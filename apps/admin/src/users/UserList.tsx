import { CreateButton, DataTable, List, TopToolbar, type RaRecord } from 'react-admin';
import { RoleChips } from './roles';
import { AccountState } from './AccountState';
import { OpenableRowsBody } from '../common/OpenableRows';
import { AppPagination } from '../common/Pagination';

const UserListActions = () => (
  <TopToolbar>
    <CreateButton />
  </TopToolbar>
);

/**
 * Names, usernames and the words of the chips on one line each. On a phone the four columns must share 390 px: a
 * cell may wrap, but only where words part (「承認者 / 次子」, "Display / name"), never a character a line as it did
 * (「承 / 認 / 者」), and with narrower padding.
 */
const tableSx = {
  '& th, & td': { whiteSpace: 'nowrap' },
  '@media (max-width: 599.95px)': { '& th, & td': { whiteSpace: 'normal', wordBreak: 'keep-all', px: 0.75 } },
};

/** Staff accounts, their roles and whether they may log in (ADMIN only). Nothing is ever deleted: accounts are deactivated. */
export const UserList = () => (
  <List pagination={<AppPagination />} resource="users" sort={{ field: 'displayName', order: 'ASC' }} actions={<UserListActions />} exporter={false} perPage={50}>
    <DataTable body={OpenableRowsBody} rowClick="edit" bulkActionButtons={false} sx={tableSx}>
      <DataTable.Col source="displayName" />
      <DataTable.Col source="username" />
      <DataTable.Col source="roles" disableSort render={(record: RaRecord) => <RoleChips record={record} />} />
      <DataTable.Col source="active" render={(record: RaRecord) => <AccountState record={record} />} />
    </DataTable>
  </List>
);
