import type { ReactNode } from 'react';
import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useKindWords } from '../kinds/shared/useKindWords';
import { layOutFacilityMatrix, type FacilityMatrixLike } from './facilityMatrixLayout';

export type { FacilityMatrixLike } from './facilityMatrixLayout';

const TONES = {
  before: { bg: 'rgba(244, 67, 54, 0.18)', line: 'error.main' },
  after: { bg: 'rgba(76, 175, 80, 0.22)', line: 'success.main' },
  neutral: { bg: 'rgba(255, 193, 7, 0.3)', line: 'warning.main' },
} as const;

export interface FacilityMatrixTableProps {
  /** The content of a facility-matrix version. */
  content: FacilityMatrixLike | null | undefined;
  /** Cells drawn highlighted, as "PROCEDURE:FACILITY_TYPE" (e.g. "PARTICULARS_CHANGE:RENEWAL_CENTER"). */
  highlight?: Iterable<string>;
  /** Columns drawn highlighted, heading and cells, by facility type (one added, or one removed, in a comparison). */
  highlightColumns?: Iterable<string>;
  /** Prefix of a highlighted cell's data-testid: `<prefix>-<PROCEDURE>-<FACILITY_TYPE>` (default `diff-cell`). */
  highlightTestIdPrefix?: string;
  /** Shown above the table. */
  caption?: ReactNode;
  /** How a highlighted cell is coloured: as the old side of a diff (red), the new side (green), or neutral (amber). */
  highlightTone?: 'before' | 'after' | 'neutral';
  /** Show the cell notes (※), column and row notes and matrix notes below the table, as the seed page does (default true). */
  showNotes?: boolean;
  /** data-testid of the <table>. */
  'data-testid'?: string;
}

/**
 * The facility matrix laid out like the seed page's 手続可能施設 table: one row per procedure, one column per facility
 * type, 〇 where the integration can be done together with the procedure and ‐ where not, with exactly the columns and
 * rows the content has, in its order (facilityMatrixLayout.ts). Read-only.
 * The <table> carries `data-facility-matrix`; every column heading `data-testid="matrix-heading-<FACILITY_TYPE>"`;
 * every cell `data-testid="matrix-cell-<PROCEDURE>-<FACILITY_TYPE>"` and `data-value="〇|‐"`, a highlighted one
 * `data-testid="<highlightTestIdPrefix>-<PROCEDURE>-<FACILITY_TYPE>"` and `data-changed="true"` instead.
 */
export const FacilityMatrixTable = ({
  content,
  highlight,
  highlightColumns,
  highlightTestIdPrefix = 'diff-cell',
  highlightTone = 'neutral',
  caption,
  showNotes = true,
  'data-testid': testId,
}: FacilityMatrixTableProps) => {
  const highlighted = new Set(highlight ?? []);
  const highlightedColumns = new Set(highlightColumns ?? []);
  const words = useKindWords();
  const layout = layOutFacilityMatrix(content, {
    facilityType: (code) => words.label('facilityType', code),
    procedure: (code) => words.label('procedure', code),
    ownHeadings: words.locale === 'ja',
  });
  const tone = TONES[highlightTone];
  const changedSx = { bgcolor: tone.bg, fontWeight: 'bold', outline: '2px solid', outlineColor: tone.line, outlineOffset: '-2px' } as const;
  const hasNotes = layout.cellNotes.length > 0 || layout.notes.length > 0;

  return (
    <Box>
      {caption && (
        <Typography variant="subtitle2" component="div" sx={{ mb: 1 }}>
          {caption}
        </Typography>
      )}
      {/* On a phone the columns share about 300 px: less padding and smaller headings keep the words whole; a table
          wider than that scrolls in its own box. */}
      <TableContainer
        sx={{
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          maxWidth: '100%',
          overflowX: 'auto',
          '& .MuiTableCell-root': { px: { xs: 0.75, sm: 2 } },
          '& thead .MuiTableCell-root': { fontSize: { xs: 12, sm: 'inherit' }, lineHeight: { xs: 1.3, sm: 'inherit' } },
        }}
      >
        <Table size="small" data-testid={testId} data-facility-matrix="true" aria-label={words.kind('facility-matrix')}>
          <TableHead>
            <TableRow sx={{ bgcolor: 'action.hover' }}>
              <TableCell component="th" scope="col" sx={{ fontWeight: 'bold' }}>
                {words.field('rows.*.procedure')}
              </TableCell>
              {layout.columns.map((column) => {
                const changed = highlightedColumns.has(column.facilityType);
                return (
                  <TableCell
                    key={column.facilityType}
                    component="th"
                    scope="col"
                    align="center"
                    data-testid={`matrix-heading-${column.facilityType}`}
                    {...(changed ? { 'data-changed': 'true' } : {})}
                    sx={{ fontWeight: 'bold', ...(changed ? changedSx : {}) }}
                  >
                    {column.heading}
                    {column.locations.length > 0 && (
                      <Typography variant="caption" color="text.secondary" component="div" sx={{ fontWeight: 'normal' }}>
                        {column.locations.length === 1
                          ? column.locations[0]
                          : words.t('matrix.locationsMore', { first: column.locations[0], count: column.locations.length - 1 })}
                      </Typography>
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {layout.rows.map((row) => (
              <TableRow key={row.procedure} data-procedure={row.procedure}>
                <TableCell component="th" scope="row">
                  {row.heading}
                </TableCell>
                {row.cells.map((cell, i) => {
                  const key = `${row.procedure}:${cell.facilityType}`;
                  const changed = highlighted.has(key) || highlightedColumns.has(cell.facilityType);
                  const value = cell.available ? '〇' : '‐';
                  const state = words.t(cell.available ? 'matrix.available' : 'matrix.unavailable');
                  return (
                    <TableCell
                      key={cell.facilityType}
                      align="center"
                      data-testid={changed ? `${highlightTestIdPrefix}-${row.procedure}-${cell.facilityType}` : `matrix-cell-${row.procedure}-${cell.facilityType}`}
                      data-value={value}
                      {...(changed ? { 'data-changed': 'true' } : {})}
                      aria-label={`${words.t('matrix.cell', { row: row.heading, column: layout.columns[i].heading })}: ${state}${changed ? ` ${words.t('matrix.changed')}` : ''}`}
                      sx={changed ? changedSx : undefined}
                    >
                      {value}
                      {cell.mark !== undefined && (
                        <Typography component="sup" variant="caption" sx={{ ml: 0.25 }}>
                          ※{cell.mark}
                        </Typography>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {showNotes && hasNotes && (
        <Box component="ul" data-testid={testId ? `${testId}-notes` : undefined} sx={{ mt: 1, mb: 0, pl: 2.5, typography: 'body2', color: 'text.secondary' }}>
          {layout.cellNotes.map((note, i) => (
            <li key={`c${i}`}>
              ※{i + 1} {note}
            </li>
          ))}
          {layout.notes.map(({ heading, note }, i) => (
            <li key={`n${i}`}>{heading ? `${heading}: ${note}` : note}</li>
          ))}
        </Box>
      )}
    </Box>
  );
};
