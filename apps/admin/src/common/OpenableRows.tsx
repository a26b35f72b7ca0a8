import { forwardRef, type KeyboardEvent } from 'react';
import { DataTableBody, DataTableRow, type DataTableBodyProps, type DataTableRowProps } from 'react-admin';
import type { SxProps, Theme } from '@mui/material';

/**
 * Rows that open something on click open it with Enter too, and are reached with Tab: one way for every list (the
 * DataTables through `body={OpenableRowsBody}`, a plain MUI table through `openableRowProps`).
 */

/** Enter on the row itself (not on a link or button inside it) does what a click on the row does. */
export function openRowOnEnter(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || event.target !== event.currentTarget || event.nativeEvent.isComposing) return;
  event.preventDefault();
  event.currentTarget.click();
}

/** A visible focus ring (a row's outline is drawn inside it, so the table's edges do not clip it) and a hand. */
export const openableRowSx: SxProps<Theme> = {
  cursor: 'pointer',
  '&:focus-visible': {
    outline: '3px solid',
    outlineColor: 'primary.main',
    outlineOffset: '-3px',
    backgroundColor: 'action.hover',
  },
};

/** For a MUI <TableRow> whose onClick opens it. */
export const openableRowProps = { tabIndex: 0, onKeyDown: openRowOnEnter, sx: openableRowSx } as const;

/** react-admin's row, focusable and opened with Enter (its own click handler follows `rowClick`). */
export const OpenableRow = forwardRef<HTMLTableRowElement, DataTableRowProps>(({ sx, ...props }, ref) => (
  <DataTableRow ref={ref} tabIndex={0} onKeyDown={openRowOnEnter} sx={[openableRowSx, ...(Array.isArray(sx) ? sx : sx ? [sx] : [])] as SxProps<Theme>} {...props} />
));
OpenableRow.displayName = 'OpenableRow';

/** Pass as a DataTable's `body` when its rows open on click (`rowClick`). */
export const OpenableRowsBody = (props: DataTableBodyProps) => <DataTableBody {...props} row={OpenableRow} />;
