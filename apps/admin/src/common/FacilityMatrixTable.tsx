import type { ReactNode } from 'react';
import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { FACILITY_TYPES } from '@policy-cms/kinds';
import { useKindWords } from '../kinds/shared/useKindWords';

/** The four facility types, in the seed page's column order (the API's enum order, @policy-cms/kinds). */
export const FACILITY_COLUMNS = FACILITY_TYPES;

const TONES = {
  before: { bg: 'rgba(244, 67, 54, 0.18)', line: 'error.main' },
  after: { bg: 'rgba(76, 175, 80, 0.22)', line: 'success.main' },
  neutral: { bg: 'rgba(255, 193, 7, 0.3)', line: 'warning.main' },
} as const;

/** The parts of a facility-matrix content the table reads (see libs/policy/src/kinds/facility-matrix.kind.ts). */
export interface FacilityMatrixLike {
  columns?: { facilityType: string; label?: string; locations?: string[]; notes?: string[] }[];
  rows?: {
    procedure: string;
    label?: string;
    facilityTypes?: string[];
    cellNotes?: { facilityType: string; note: string }[];
    notes?: string[];
  }[];
  notes?: string[];
}

export interface FacilityMatrixTableProps {
  /** The content of a facility-matrix version. */
  content: FacilityMatrixLike | null | undefined;
  /** Cells drawn highlighted, as "PROCEDURE:FACILITY_TYPE" (e.g. "PARTICULARS_CHANGE:RENEWAL_CENTER"). */
  highlight?: Iterable<string>;
  /** Prefix of a highlighted cell's data-testid: `<prefix>-<PROCEDURE>-<FACILITY_TYPE>` (default `diff-cell`). */
  highlightTestIdPrefix?: string;
  /** Shown above the table. */
  caption?: ReactNode;
  /** How a highlighted cell is coloured: as the old side of a diff (red), the new side (green), or neutral (amber). */
  highlightTone?: 'before' | 'after' | 'neutral';
  /** Show the cell notes (※), row notes and matrix notes below the table, as the seed page does (default true). */
  showNotes?: boolean;
  /** data-testid of the <table>. */
  'data-testid'?: string;
}

/**
 * The facility matrix laid out like the seed page's 手続可能施設 table: one row per procedure, one column per facility
 * type, 〇 where the integration can be done together with the procedure and ‐ where not. Read-only.
 * Every cell carries `data-testid="matrix-cell-<PROCEDURE>-<FACILITY_TYPE>"` and `data-value="〇|‐"`, a highlighted one
 * `data-testid="<highlightTestIdPrefix>-<PROCEDURE>-<FACILITY_TYPE>"` and `data-changed="true"` instead.
 */
export const FacilityMatrixTable = ({
  content,
  highlight,
  highlightTestIdPrefix = 'diff-cell',
  highlightTone = 'neutral',
  caption,
  showNotes = true,
  'data-testid': testId,
}: FacilityMatrixTableProps) => {
  const highlighted = new Set(highlight ?? []);
  const words = useKindWords();
  const labels: Record<string, string> = Object.fromEntries(FACILITY_TYPES.map((f) => [f, words.label('facilityType', f)]));
  // In Japanese the table keeps the content's own headings (the public page's words); in English it names the types.
  if (words.locale === 'ja') for (const column of content?.columns ?? []) if (column.label) labels[column.facilityType] = column.label;
  const rowLabel = (row: { procedure: string; label?: string }) =>
    words.locale === 'ja' && row.label ? row.label : words.label('procedure', row.procedure);
  const rows = content?.rows ?? [];

  // Cell notes become numbered ※ marks, listed below the table.
  const footnotes: string[] = [];
  const marks = new Map<string, number>();
  for (const row of rows) {
    for (const cell of row.cellNotes ?? []) {
      footnotes.push(cell.note);
      marks.set(`${row.procedure}:${cell.facilityType}`, footnotes.length);
    }
  }
  const rowNotes = rows.flatMap((row) => (row.notes ?? []).map((note) => ({ label: rowLabel(row), note })));

  return (
    <Box>
      {caption && (
        <Typography variant="subtitle2" component="div" sx={{ mb: 1 }}>
          {caption}
        </Typography>
      )}
      {/* On a phone the five columns share about 300 px: less padding and smaller headings keep the words whole. */}
      <TableContainer
        sx={{
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          '& .MuiTableCell-root': { px: { xs: 0.75, sm: 2 } },
          '& thead .MuiTableCell-root': { fontSize: { xs: 12, sm: 'inherit' }, lineHeight: { xs: 1.3, sm: 'inherit' } },
        }}
      >
        <Table size="small" data-testid={testId} aria-label="手続可能施設">
          <TableHead>
            <TableRow sx={{ bgcolor: 'action.hover' }}>
              <TableCell component="th" scope="col" sx={{ fontWeight: 'bold' }}>
                同時に行う手続
              </TableCell>
              {FACILITY_COLUMNS.map((facility) => (
                <TableCell key={facility} component="th" scope="col" align="center" sx={{ fontWeight: 'bold' }}>
                  {labels[facility]}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.procedure} data-procedure={row.procedure}>
                <TableCell component="th" scope="row">
                  {rowLabel(row)}
                </TableCell>
                {FACILITY_COLUMNS.map((facility) => {
                  const cell = `${row.procedure}:${facility}`;
                  const available = (row.facilityTypes ?? []).includes(facility);
                  const changed = highlighted.has(cell);
                  const mark = marks.get(cell);
                  const value = available ? '〇' : '‐';
                  return (
                    <TableCell
                      key={facility}
                      align="center"
                      data-testid={changed ? `${highlightTestIdPrefix}-${row.procedure}-${facility}` : `matrix-cell-${row.procedure}-${facility}`}
                      data-value={value}
                      {...(changed ? { 'data-changed': 'true' } : {})}
                      aria-label={`${rowLabel(row)} / ${labels[facility]}: ${available ? '可' : '不可'}${changed ? '(変更あり)' : ''}`}
                      sx={changed ? { bgcolor: TONES[highlightTone].bg, fontWeight: 'bold', outline: '2px solid', outlineColor: TONES[highlightTone].line, outlineOffset: '-2px' } : undefined}
                    >
                      {value}
                      {mark !== undefined && (
                        <Typography component="sup" variant="caption" sx={{ ml: 0.25 }}>
                          ※{mark}
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
      {showNotes && (footnotes.length > 0 || rowNotes.length > 0 || (content?.notes ?? []).length > 0) && (
        <Box component="ul" sx={{ mt: 1, mb: 0, pl: 2.5, typography: 'body2', color: 'text.secondary' }}>
          {footnotes.map((note, i) => (
            <li key={`f${i}`}>
              ※{i + 1} {note}
            </li>
          ))}
          {rowNotes.map(({ label, note }, i) => (
            <li key={`r${i}`}>
              {label}: {note}
            </li>
          ))}
          {(content?.notes ?? []).map((note, i) => (
            <li key={`n${i}`}>{note}</li>
          ))}
        </Box>
      )}
    </Box>
  );
};
