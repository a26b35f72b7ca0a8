import { useState, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
  alpha,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import LeftIcon from '@mui/icons-material/KeyboardArrowLeft';
import RightIcon from '@mui/icons-material/KeyboardArrowRight';
import UpIcon from '@mui/icons-material/KeyboardArrowUp';
import DownIcon from '@mui/icons-material/KeyboardArrowDown';
import NoteAddIcon from '@mui/icons-material/NoteAddOutlined';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import type { FacilityMatrixContent, FacilityType } from '@policy-cms/kinds';
import { StringListEditor } from '../shared/StringListEditor';
import { collectErrors } from '../shared/formHelpers';
import { useKindWords } from '../shared/useKindWords';
import { AddEntryDialog, CellNoteDialog, ConfirmRemovalDialog, EntryDialog } from './MatrixDialogs';
import {
  cellNoteOf,
  facilityTypesNotInColumns,
  markedCellsOf,
  moved,
  proceduresNotInRows,
  withCellNote,
  withColumnAdded,
  withColumnRemoved,
  withRowAdded,
  without,
  type FacilityColumn,
  type FacilityRow,
} from './matrixEdits';
import { countOptions } from '../../i18n/count';

/** Which dialog is open: adding, editing or removing a row or column, or one cell's note. */
type OpenDialog =
  | { type: 'addRow' }
  | { type: 'addColumn' }
  | { type: 'editRow'; index: number }
  | { type: 'editColumn'; index: number }
  | { type: 'removeRow'; index: number }
  | { type: 'removeColumn'; index: number }
  | { type: 'cellNote'; row: number; column: number }
  | null;

const SET = { shouldDirty: true, shouldTouch: true } as const;

/**
 * After a move the browser may drop the focus of a button whose row or column React re-placed: give it back to the
 * first of these buttons (by their aria-label) that is enabled, so a keyboard user can press the arrow again.
 */
const refocus = (labels: string[]) =>
  window.setTimeout(() => {
    for (const label of labels) {
      const button = document.querySelector<HTMLButtonElement>(`[data-testid="facility-matrix-editor"] button[aria-label="${CSS.escape(label)}"]`);
      if (button && !button.disabled) return button.focus();
    }
  });

/** A small labelled icon button; its tooltip says the same words as its aria-label. */
const ActionButton = ({ label, onClick, disabled, children, testId }: { label: string; onClick: () => void; disabled?: boolean; children: ReactNode; testId?: string }) => (
  <Tooltip title={label}>
    <span>
      <IconButton size="small" aria-label={label} onClick={onClick} disabled={disabled} sx={{ p: 0.5 }} data-testid={testId}>
        {children}
      </IconButton>
    </span>
  </Tooltip>
);

/** React keys for entries keyed by their code, unique even if stored content repeats one (the server refuses that). */
const keysOf = (codes: string[]) => codes.map((code, i) => (codes.indexOf(code) === i ? code : `${code}#${i}`));

/**
 * The facility matrix laid out like the seed page's table: one row per procedure (同時に行う手続), one column per facility
 * type, 〇/‐ per cell. Rows and columns are added (from the vocabulary's values not yet shown), edited, moved and
 * removed here, and each cell takes a ※ note. Every change sets only `content.rows` / `content.columns` (or a part of
 * one row), so the rest of the content stays as it was. Server errors under `content.rows.<i>` and
 * `content.columns.<i>` show on that row or column.
 */
export const FacilityMatrixEditor = () => {
  const words = useKindWords();
  const { setValue, clearErrors } = useFormContext();
  const content = useWatch({ name: 'content' }) as FacilityMatrixContent | undefined;
  const { errors } = useFormState({ name: 'content' });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  if (!content || !Array.isArray(content.columns) || !Array.isArray(content.rows)) return null;
  const columns = content.columns;
  const rows = content.rows;
  const columnOrder = columns.map((c) => c.facilityType);

  // A heading being retyped may be blank for a moment: the vocabulary's word names the entry meanwhile.
  const columnWords = (column: FacilityColumn | undefined) => (column ? column.label?.trim() || words.label('facilityType', column.facilityType) : '');
  const rowWords = (row: FacilityRow | undefined) => (row ? row.label?.trim() || words.label('procedure', row.procedure) : '');
  const cellWords = (row: FacilityRow, column: FacilityColumn) => words.t('matrix.cell', { row: rowWords(row), column: columnWords(column) });

  // Indices shift when an entry moves or goes: errors the server gave for the old places would point at the wrong one.
  const setRows = (next: FacilityRow[], shifted: boolean) => {
    setValue('content.rows', next, SET);
    if (shifted) clearErrors('content.rows');
  };
  const setColumns = (next: FacilityColumn[], shifted: boolean) => {
    setValue('content.columns', next, SET);
    if (shifted) clearErrors('content.columns');
  };

  const toggle = (rowIndex: number, row: FacilityRow, facilityType: FacilityType, on: boolean) => {
    const current = Array.isArray(row.facilityTypes) ? row.facilityTypes : [];
    const next = on
      ? // Keep the table's column order; anything the columns do not know stays where it was (the server will say so).
        [...columnOrder.filter((f) => f === facilityType || current.includes(f)), ...current.filter((f) => !columnOrder.includes(f))]
      : current.filter((f) => f !== facilityType);
    const path = `content.rows.${rowIndex}.facilityTypes`;
    setValue(path, next, SET);
    clearErrors(path);
  };

  const setCellNote = (rowIndex: number, facilityType: FacilityType, note: string) => {
    const path = `content.rows.${rowIndex}.cellNotes`;
    setValue(path, withCellNote(rows[rowIndex]?.cellNotes, facilityType, note), SET);
    clearErrors(path);
  };

  const removeColumn = (index: number) => {
    const next = withColumnRemoved(columns, rows, index);
    setColumns(next.columns, true);
    setRows(next.rows, true);
  };

  const moveRow = (index: number, delta: -1 | 1, name: string) => {
    setRows(moved(rows, index, delta), true);
    const [same, other] = delta < 0 ? ['matrix.moveUp', 'matrix.moveDown'] : ['matrix.moveDown', 'matrix.moveUp'];
    refocus([words.t(same, { name }), words.t(other, { name })]);
  };
  const moveColumn = (index: number, delta: -1 | 1, name: string) => {
    setColumns(moved(columns, index, delta), true);
    const [same, other] = delta < 0 ? ['matrix.moveLeft', 'matrix.moveRight'] : ['matrix.moveRight', 'matrix.moveLeft'];
    refocus([words.t(same, { name }), words.t(other, { name })]);
  };

  const rowKeys = keysOf(rows.map((r) => r.procedure));
  const columnKeys = keysOf(columnOrder);
  const missingProcedures = proceduresNotInRows(rows);
  const missingFacilityTypes = facilityTypesNotInColumns(columns);
  const close = () => setDialog(null);

  return (
    <Box data-testid="facility-matrix-editor" sx={{ minWidth: 0 }}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {words.t('matrix.help')}
      </Typography>
      {/* The grid scrolls inside its own box on a narrow screen; the page itself does not. */}
      <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1, maxWidth: '100%', overflowX: 'auto' }}>
        <Table size="small" aria-label={words.kind('facility-matrix')} sx={{ '& td, & th': { borderRight: 1, borderColor: 'divider' } }}>
          <TableHead>
            <TableRow sx={{ bgcolor: 'action.hover' }}>
              <TableCell component="th" scope="col" sx={{ fontWeight: 'bold', minWidth: { xs: 170, md: 280 }, verticalAlign: 'bottom' }}>
                {words.field('rows.*.procedure')}
              </TableCell>
              {columns.map((column, columnIndex) => {
                const name = columnWords(column);
                const columnErrors = collectErrors(errors, `content.columns.${columnIndex}`);
                return (
                  <TableCell
                    key={columnKeys[columnIndex]}
                    component="th"
                    scope="col"
                    align="center"
                    data-facility-type={column.facilityType}
                    data-testid={`matrix-column-${column.facilityType}`}
                    sx={{
                      fontWeight: 'bold',
                      minWidth: 156,
                      // Japanese headings break between words (at the space before ほか…), not inside a facility's name.
                      wordBreak: 'keep-all',
                      verticalAlign: 'bottom',
                      ...(columnErrors.length ? { bgcolor: (theme) => alpha(theme.palette.error.main, 0.08), borderBottomColor: 'error.main' } : {}),
                    }}
                  >
                    <Box sx={{ mb: 0.5 }}>{name}</Box>
                    {(column.locations?.length ?? 0) > 0 && (
                      <Typography variant="caption" color="text.secondary" component="div" sx={{ fontWeight: 'normal' }}>
                        {column.locations.length === 1
                          ? column.locations[0]
                          : words.t('matrix.locationsMore', { first: column.locations[0], count: column.locations.length - 1 })}
                      </Typography>
                    )}
                    <Stack direction="row" sx={{ justifyContent: 'center', mt: 0.5 }} role="group" aria-label={name}>
                      <ActionButton label={words.t('matrix.moveLeft', { name })} disabled={columnIndex === 0} onClick={() => moveColumn(columnIndex, -1, name)}>
                        <LeftIcon fontSize="small" />
                      </ActionButton>
                      <ActionButton
                        label={words.t('matrix.moveRight', { name })}
                        disabled={columnIndex === columns.length - 1}
                        onClick={() => moveColumn(columnIndex, 1, name)}
                      >
                        <RightIcon fontSize="small" />
                      </ActionButton>
                      <ActionButton label={words.t('matrix.editColumn', { name })} onClick={() => setDialog({ type: 'editColumn', index: columnIndex })} testId={`column-edit-${column.facilityType}`}>
                        <EditIcon fontSize="small" />
                      </ActionButton>
                      <ActionButton
                        label={words.t('matrix.removeColumn', { name })}
                        // The schema wants at least one column.
                        disabled={columns.length <= 1}
                        onClick={() => setDialog({ type: 'removeColumn', index: columnIndex })}
                        testId={`column-remove-${column.facilityType}`}
                      >
                        <DeleteIcon fontSize="small" />
                      </ActionButton>
                    </Stack>
                    {columnErrors.length > 0 && (
                      <Box role="alert" data-testid={`column-error-${column.facilityType}`} sx={{ color: 'error.main', fontWeight: 'normal', fontSize: 12, textAlign: 'left', mt: 0.5 }}>
                        {columnErrors.map((e) => (
                          <div key={e.path}>{words.error(e.message, 'list')}</div>
                        ))}
                      </Box>
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row, rowIndex) => {
              const rowErrors = collectErrors(errors, `content.rows.${rowIndex}`);
              const marked = Array.isArray(row.facilityTypes) ? row.facilityTypes : [];
              const name = rowWords(row);
              return [
                <TableRow
                  key={rowKeys[rowIndex]}
                  data-testid={`matrix-row-${row.procedure}`}
                  sx={rowErrors.length ? { bgcolor: (theme) => alpha(theme.palette.error.main, 0.08), '& td, & th': { borderBottomColor: 'error.main' } } : undefined}
                >
                  <TableCell component="th" scope="row">
                    <Stack direction={{ xs: 'column', md: 'row' }} spacing={{ xs: 0.5, md: 1 }} sx={{ alignItems: 'flex-start' }}>
                      <Box sx={{ flex: 1, minWidth: 0 }}>
                        <Typography variant="body2" sx={{ fontWeight: 500 }} data-testid={`row-label-${row.procedure}`}>
                          {name}
                        </Typography>
                        {(row.notes ?? []).map((note, i) => (
                          <Typography key={i} variant="caption" color="text.secondary" component="div">
                            ※ {note}
                          </Typography>
                        ))}
                      </Box>
                      <Stack direction="row" role="group" aria-label={name} sx={{ flexShrink: 0 }}>
                        <ActionButton label={words.t('matrix.moveUp', { name })} disabled={rowIndex === 0} onClick={() => moveRow(rowIndex, -1, name)}>
                          <UpIcon fontSize="small" />
                        </ActionButton>
                        <ActionButton label={words.t('matrix.moveDown', { name })} disabled={rowIndex === rows.length - 1} onClick={() => moveRow(rowIndex, 1, name)}>
                          <DownIcon fontSize="small" />
                        </ActionButton>
                        <ActionButton label={words.t('matrix.editRow', { name })} onClick={() => setDialog({ type: 'editRow', index: rowIndex })} testId={`row-edit-${row.procedure}`}>
                          <EditIcon fontSize="small" />
                        </ActionButton>
                        <ActionButton label={words.t('matrix.removeRow', { name })} onClick={() => setDialog({ type: 'removeRow', index: rowIndex })} testId={`row-remove-${row.procedure}`}>
                          <DeleteIcon fontSize="small" />
                        </ActionButton>
                      </Stack>
                    </Stack>
                  </TableCell>
                  {columns.map((column, columnIndex) => {
                    const on = marked.includes(column.facilityType);
                    const cellNote = cellNoteOf(row, column.facilityType);
                    const cell = cellWords(row, column);
                    const noteLabel = words.t(cellNote === undefined ? 'matrix.addCellNote' : 'matrix.editCellNote', { row: name, column: columnWords(column) });
                    return (
                      <TableCell key={columnKeys[columnIndex]} align="center" sx={{ whiteSpace: 'nowrap', px: 0.5 }}>
                        <Checkbox
                          checked={on}
                          onChange={(event) => toggle(rowIndex, row, column.facilityType, event.target.checked)}
                          size="small"
                          icon={<Typography component="span" sx={{ width: 24, fontSize: 20, color: 'text.disabled' }}>‐</Typography>}
                          checkedIcon={<Typography component="span" sx={{ width: 24, fontSize: 20, color: 'success.main', fontWeight: 'bold' }}>〇</Typography>}
                          slotProps={{
                            input: {
                              'aria-label': cell,
                              name: `content.rows.${rowIndex}.facilityTypes.${column.facilityType}`,
                              // @ts-expect-error data-* attributes are valid on the input slot
                              'data-testid': `cell-${row.procedure}-${column.facilityType}`,
                            },
                          }}
                        />
                        <Tooltip title={cellNote ?? noteLabel}>
                          <IconButton
                            size="small"
                            aria-label={noteLabel}
                            onClick={() => setDialog({ type: 'cellNote', row: rowIndex, column: columnIndex })}
                            data-testid={`cell-note-${row.procedure}-${column.facilityType}`}
                            data-has-note={cellNote !== undefined}
                            sx={{
                              p: 0.25,
                              minWidth: 26,
                              // An empty cell's button stays faint until pointed at or focused, so the 〇/‐ stay the first thing seen.
                              ...(cellNote === undefined
                                ? { opacity: 0.35, '&:hover, &:focus-visible': { opacity: 1 } }
                                : { color: 'info.main', fontSize: 16, fontWeight: 'bold' }),
                            }}
                          >
                            {cellNote === undefined ? <NoteAddIcon sx={{ fontSize: 16 }} /> : '※'}
                          </IconButton>
                        </Tooltip>
                      </TableCell>
                    );
                  })}
                </TableRow>,
                rowErrors.length > 0 && (
                  <TableRow key={`${rowKeys[rowIndex]}-error`}>
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
      <Stack direction="row" sx={{ mt: 1, flexWrap: 'wrap', gap: 1 }}>
        <Button size="small" startIcon={<AddIcon />} disabled={missingProcedures.length === 0} onClick={() => setDialog({ type: 'addRow' })} data-testid="matrix-add-row">
          {words.t('matrix.addRow')}
        </Button>
        <Button
          size="small"
          startIcon={<AddIcon />}
          disabled={missingFacilityTypes.length === 0}
          onClick={() => setDialog({ type: 'addColumn' })}
          data-testid="matrix-add-column"
        >
          {words.t('matrix.addColumn')}
        </Button>
        {(missingProcedures.length === 0 || missingFacilityTypes.length === 0) && (
          <Typography variant="caption" color="text.secondary" sx={{ alignSelf: 'center' }}>
            {/* Two sentences, each with its own capital and full stop (in English a comma ran them into one). */}
            {[missingProcedures.length === 0 && words.t('matrix.allRowsShown'), missingFacilityTypes.length === 0 && words.t('matrix.allColumnsShown')]
              .filter((text): text is string => !!text)
              .join(words.locale === 'en' ? ' ' : '')}
          </Typography>
        )}
      </Stack>
      <Box sx={{ mt: 2 }}>
        <StringListEditor source="content.notes" />
      </Box>

      <AddEntryDialog
        open={dialog?.type === 'addRow'}
        enumName="procedure"
        choices={missingProcedures}
        title={words.t('matrix.addRow')}
        chooseLabel={words.t('matrix.chooseProcedure')}
        headingLabel={words.field('rows.*.label')}
        testId="matrix-add-row-dialog"
        onAdd={(procedure, label) => setRows(withRowAdded(rows, procedure, label), false)}
        onClose={close}
      />
      <AddEntryDialog
        open={dialog?.type === 'addColumn'}
        enumName="facilityType"
        choices={missingFacilityTypes}
        title={words.t('matrix.addColumn')}
        chooseLabel={words.t('matrix.chooseFacilityType')}
        headingLabel={words.field('columns.*.label')}
        testId="matrix-add-column-dialog"
        onAdd={(facilityType, label) => setColumns(withColumnAdded(columns, facilityType, label), false)}
        onClose={close}
      />
      {dialog?.type === 'editRow' && rows[dialog.index] && (
        <EntryDialog
          open
          kindOfEntry="row"
          title={words.t('matrix.editRowTitle')}
          path={`content.rows.${dialog.index}`}
          valueWords={words.label('procedure', rows[dialog.index].procedure)}
          onClose={close}
        />
      )}
      {dialog?.type === 'editColumn' && columns[dialog.index] && (
        <EntryDialog
          open
          kindOfEntry="column"
          title={words.t('matrix.editColumnTitle')}
          path={`content.columns.${dialog.index}`}
          valueWords={words.label('facilityType', columns[dialog.index].facilityType)}
          onClose={close}
        />
      )}
      {dialog?.type === 'removeRow' && rows[dialog.index] && (
        <ConfirmRemovalDialog
          open
          title={words.t('matrix.removeRowTitle')}
          text={words.t('matrix.removeRowConfirm', { name: rowWords(rows[dialog.index]) })}
          onConfirm={() => setRows(without(rows, dialog.index), true)}
          onClose={close}
        />
      )}
      {dialog?.type === 'removeColumn' && columns[dialog.index] && (
        <ConfirmRemovalDialog
          open
          title={words.t('matrix.removeColumnTitle')}
          text={words.t('matrix.removeColumnConfirm', {
            name: columnWords(columns[dialog.index]),
            ...countOptions(markedCellsOf(rows, columns[dialog.index].facilityType)),
          })}
          onConfirm={() => removeColumn(dialog.index)}
          onClose={close}
        />
      )}
      {dialog?.type === 'cellNote' && rows[dialog.row] && columns[dialog.column] && (
        <CellNoteDialog
          open
          cellWords={cellWords(rows[dialog.row], columns[dialog.column])}
          note={cellNoteOf(rows[dialog.row], columns[dialog.column].facilityType)}
          onSave={(note) => setCellNote(dialog.row, columns[dialog.column].facilityType, note)}
          onClose={close}
        />
      )}
    </Box>
  );
};
