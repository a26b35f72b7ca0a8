import { Pagination, PaginationActions, useTranslate, type PaginationActionsProps, type PaginationProps } from 'react-admin';

/** react-admin's page buttons, with the name of their <nav> in the chosen language (Material UI's is English). */
const NamedPaginationActions = (props: PaginationActionsProps) => {
  const translate = useTranslate();
  return <PaginationActions {...props} {...{ 'aria-label': translate('app.pagination') }} />;
};

/** The lists' pagination: react-admin's, every word of it translated. */
export const AppPagination = (props: PaginationProps) => <Pagination {...props} actions={NamedPaginationActions} />;
