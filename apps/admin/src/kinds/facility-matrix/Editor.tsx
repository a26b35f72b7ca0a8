import { Alert, Box, Checkbox, alpha, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import type { FacilityMatrixContent } from '@policy-cms/kinds';
import { StringListEditor } from '../shared/StringListEditor';
import { collectErrors } from '../shared/formHelpers';
import { useKindWords } from '../shared/useKindWords';

type FacilityRow = FacilityMatrixContent['rows'][number];

/**
 * The facility matrix laid out like the seed page's table: one row per procedure (同時に行う手続), one column per facility
 * type, 〇/‐ per cell. Toggling a cell changes only `content.rows.<i>.facilityTypes`; labels, notes, columns and every
 * other part of the content stay as they are. Server errors under `content.rows.<i>` show on that row.
 */
export const FacilityMatrixEditor = () => {
  const words = useKindWords();
  const { setValue, clearErrors } = useFormContext();
  const content = useWatch({ name: 'content' }) as FacilityMatrixContent | undefined;
  const { errors } = useFormState({ name: 'content' });
  if (!content || !Array.isArray(content.columns) || !Array.isArray(content.rows)) return null;
  const columns = content.columns;
  const columnOrder = columns.map((c) => c.facilityType);

  const toggle = (rowIndex: number, row: FacilityRow, facilityType: string, on: boolean) => {
    const current = Array.isArray(row.facilityTypes) ? row.facilityTypes : [];
    const next = on
      ? // Keep the table's column order; anything the columns do not know stays where it was (the server will say so).
        [...columnOrder.filter((f) => f === facilityType || current.includes(f)), ...current.filter((f) => !columnOrder.includes(f))]
      : current.filter((f) => f !== facilityType);
    const path = `content.rows.${rowIndex}.facilityTypes`;
    setValue(path, next, { shouldDirty: true, shouldTouch: true });
    clearErrors(path);
  };

  return (
    <Box data-testid="facility-matrix-editor">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {words.t('matrix.help')}
      </Typography>
      <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" sx={{ '& td, & th': { borderRight: 1, borderColor: 'divider' } }}>
          <TableHead>
            <TableRow sx={{ bgcolor: 'action.hover' }}>
              <TableCell sx={{ fontWeight: 'bold', minWidth: 240 }}>{words.field('rows.*.procedure')}</TableCell>
              {columns.map((column) => (
                <TableCell key={column.facilityType} align="center" sx={{ fontWeight: 'bold', minWidth: 120, whiteSpace: 'nowrap' }} data-facility-type={column.facilityType}>
                  {column.label || words.label('facilityType', column.facilityType)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {content.rows.map((row, rowIndex) => {
              const rowErrors = collectErrors(errors, `content.rows.${rowIndex}`);
              const marked = Array.isArray(row.facilityTypes) ? row.facilityTypes : [];
              return [
                <TableRow
                  key={`${row.procedure}-${rowIndex}`}
                  data-testid={`matrix-row-${row.procedure}`}
                  sx={rowErrors.length ? { bgcolor: (theme) => alpha(theme.palette.error.main, 0.08), '& td, & th': { borderBottomColor: 'error.main' } } : undefined}
                >
                  <TableCell component="th" scope="row">
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                      {row.label || words.label('procedure', row.procedure)}
                    </Typography>
                    {(row.notes ?? []).map((note, i) => (
                      <Typography key={i} variant="caption" color="text.secondary" component="div">
                        ※ {note}
                      </Typography>
                    ))}
                  </TableCell>
                  {columns.map((column) => {
                    const on = marked.includes(column.facilityType);
                    const cellNote = (row.cellNotes ?? []).find((n) => n.facilityType === column.facilityType)?.note;
                    const cellLabel = `${row.label}: ${column.label}`;
                    return (
                      <TableCell key={column.facilityType} align="center" sx={{ whiteSpace: 'nowrap', px: 0.5 }}>
                        <Checkbox
                          checked={on}
                          onChange={(event) => toggle(rowIndex, row, column.facilityType, event.target.checked)}
                          size="small"
                          icon={<Typography component="span" sx={{ width: 24, fontSize: 20, color: 'text.disabled' }}>‐</Typography>}
                          checkedIcon={<Typography component="span" sx={{ width: 24, fontSize: 20, color: 'success.main', fontWeight: 'bold' }}>〇</Typography>}
                          slotProps={{
                            input: {
                              'aria-label': cellLabel,
                              name: `content.rows.${rowIndex}.facilityTypes.${column.facilityType}`,
                              // @ts-expect-error data-* attributes are valid on the input slot
                              'data-testid': `cell-${row.procedure}-${column.facilityType}`,
                            },
                          }}
                        />
                        {cellNote && (
                          <Tooltip title={cellNote}>
                            <Typography component="span" variant="caption" color="info.main" sx={{ cursor: 'help' }} aria-label={cellNote}>
                              ※
                            </Typography>
                          </Tooltip>
                        )}
                      </TableCell>
                    );
                  })}
                </TableRow>,
                rowErrors.length > 0 && (
                  <TableRow key={`${row.procedure}-${rowIndex}-error`}>
                    <TableCell colSpan={columns.length + 1} sx={{ py: 0.5 }}>
                      <Alert severity="error" data-testid={`row-error-${row.procedure}`} sx={{ py: 0 }}>
                        {rowErrors.map((e) => (
                          <div key={e.path}>{words.error(e.message, 'list')}</div>
                        ))}
                      </Alert>
                    </TableCell>
                  </TableRow>
                ),
              ];
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <Box sx={{ mt: 2 }}>
        <StringListEditor source="content.notes" />
      </Box>
    </Box>
  );
};
