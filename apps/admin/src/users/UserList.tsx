import { CreateButton, DataTable, List, TopToolbar, type RaRecord } from 'react-admin';
import { RoleChips } from './roles';
import { OpenableRowsBody } from '../common/OpenableRows';
import { AppPagination } from '../common/Pagination';

const UserListActions = () => (
  <TopToolbar>
    <CreateButton />
  </TopToolbar>
);

/** Staff accounts and their roles (ADMIN only). Nothing is ever deleted. */
export const UserList = () => (
  <List pagination={<AppPagination />} resource="users" sort={{ field: 'displayName', order: 'ASC' }} actions={<UserListActions />} exporter={false} perPage={50}>
    <DataTable body={OpenableRowsBody} rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="displayName" />
      <DataTable.Col source="username" />
      <DataTable.Col source="roles" disableSort render={(record: RaRecord) => <RoleChips record={record} />} />
    </DataTable>
  </List>
);
