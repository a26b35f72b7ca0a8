import { useEffect, useState } from 'react';
import { Alert, Box, Chip, CircularProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useDataProvider, useLocaleState, useTranslate, type RaRecord } from 'react-admin';
import type { PolicyCmsDataProvider } from '../dataProvider/dataProvider';
import { FacilityMatrixTable, type FacilityMatrixLike } from '../common/FacilityMatrixTable';
import { effectiveRangeText } from './format';
import { diffPathLabel, diffValueText, type DiffContents } from './diffPath';
import { matrixDiff, type DiffEntry } from './matrixDiff';
import { usePhone } from '../common/usePhone';

/** The table of path / 変更前 / 変更後, for every kind (and for what a matrix diff cannot draw as cells). */
export const DiffEntryTable = ({
  entries,
  contents,
  'data-testid': testId = 'diff-table',
}: {
  entries: readonly DiffEntry[];
  /** The two contents compared: items keyed by a code of theirs are named by their own labels. */
  contents?: DiffContents;
  'data-testid'?: string;
}) => {
  const translate = useTranslate();
  const [appLocale] = useLocaleState();
  const locale = appLocale === 'en' ? 'en' : 'ja';
  const phone = usePhone();
  if (phone) {
    // On a phone the four columns shared 350 px and wrapped a word every two or three characters: each change is a
    // block instead, its field and kind above, 変更前 and 変更後 one under the other at the screen's width.
    return (
      <Table size="small" data-testid={testId}>
        <TableBody>
          {entries.map((entry) => (
            <TableRow key={`${entry.path}:${entry.kind}`} data-testid="diff-row" data-path={entry.path} data-kind={entry.kind}>
              <TableCell sx={{ px: 0.5 }}>
                <Stack spacing={0.75}>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
                    <Typography variant="body2" sx={{ fontWeight: 500, wordBreak: 'break-word', flex: 1 }}>
                      {diffPathLabel(entry.path, locale, contents)}
                    </Typography>
                    <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                      {translate(`review.diff.kinds.${entry.kind}`, { _: entry.kind })}
                    </Typography>
                  </Stack>
                  {entry.before !== undefined && (
                    <Box sx={{ bgcolor: 'rgba(244, 67, 54, 0.08)', px: 1, py: 0.5, borderRadius: 0.5 }}>
                      <Typography variant="caption" color="text.secondary">
                        {translate('review.diff.beforeValue')}
                      </Typography>
                      <ValueText value={entry.before} text={diffValueText(entry.path, entry.before, locale)} />
                    </Box>
                  )}
                  {entry.after !== undefined && (
                    <Box sx={{ bgcolor: 'rgba(76, 175, 80, 0.12)', px: 1, py: 0.5, borderRadius: 0.5 }}>
                      <Typography variant="caption" color="text.secondary">
                        {translate('review.diff.afterValue')}
                      </Typography>
                      <ValueText value={entry.after} text={diffValueText(entry.path, entry.after, locale)} />
                    </Box>
                  )}
                </Stack>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <Table size="small" data-testid={testId} sx={{ tableLayout: 'fixed', '& td, & th': { verticalAlign: 'top' } }}>
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: '28%' }}>{translate('review.diff.path')}</TableCell>
          <TableCell sx={{ width: '8%' }}>{translate('review.diff.kind')}</TableCell>
          <TableCell>{translate('review.diff.beforeValue')}</TableCell>
          <TableCell>{translate('review.diff.afterValue')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map((entry) => (
          <TableRow key={`${entry.path}:${entry.kind}`} data-testid="diff-row" data-path={entry.path} data-kind={entry.kind}>
            <TableCell sx={{ wordBreak: 'break-word' }}>{diffPathLabel(entry.path, locale, contents)}</TableCell>
            <TableCell>{translate(`review.diff.kinds.${entry.kind}`, { _: entry.kind })}</TableCell>
            <TableCell sx={{ bgcolor: entry.before === undefined ? undefined : 'rgba(244, 67, 54, 0.08)' }}>
              <ValueText value={entry.before} text={diffValueText(entry.path, entry.before, locale)} />
            </TableCell>
            <TableCell sx={{ bgcolor: entry.after === undefined ? undefined : 'rgba(76, 175, 80, 0.12)' }}>
              <ValueText value={entry.after} text={diffValueText(entry.path, entry.after, locale)} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const ValueText = ({ value, text }: { value: unknown; text: string }) =>
  value === undefined ? (
    <Typography variant="body2" color="text.disabled">
      —
    </Typography>
  ) : (
    <Box component="div" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 13 }}>
      {text}
    </Box>
  );

type DiffState =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'self' }
  | { state: 'none' }
  | { state: 'ready'; inForce: RaRecord; entries: DiffEntry[] };

/**
 * Compares a version with the version of its policy in force today: a facility matrix as two tables side by side with
 * the changed cells highlighted, any other kind as a table of path / 変更前 / 変更後.
 */
export const VersionDiff = ({ record }: { record: RaRecord }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  const [diff, setDiff] = useState<DiffState>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    setDiff({ state: 'loading' });
    (async () => {
      const inForce = await dataProvider.inForce(record.policyKey);
      if (!inForce) return { state: 'none' } as const;
      if (String(inForce.id) === String(record.id)) return { state: 'self' } as const;
      const entries = await dataProvider.diff(inForce.id, record.id);
      return { state: 'ready', inForce, entries } as const;
    })().then(
      (result) => !cancelled && setDiff(result),
      (error: unknown) => !cancelled && setDiff({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
    // Recompute when the version changes (an edit or a workflow step bumps updatedAt).
  }, [dataProvider, record.id, record.policyKey, record.updatedAt]);

  const isMatrix = record.policyKind === 'facility-matrix';

  return (
    <Box data-testid="version-diff" data-state={diff.state}>
      <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
        {translate('review.diff.title')}
      </Typography>
      {diff.state === 'loading' && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <CircularProgress size={18} />
          <Typography variant="body2">{translate('review.diff.loading')}</Typography>
        </Stack>
      )}
      {diff.state === 'error' && (
        <Alert severity="error">
          {translate('review.diff.failed')}: {diff.message}
        </Alert>
      )}
      {diff.state === 'self' && (
        <Alert severity="info" data-testid="diff-is-in-force">
          {translate('review.diff.isInForce')}
        </Alert>
      )}
      {diff.state === 'none' && (
        <>
          <Alert severity="info" data-testid="diff-nothing-in-force" sx={{ mb: 2 }}>
            {translate('review.diff.nothingInForce')}
          </Alert>
          {isMatrix && <FacilityMatrixTable content={record.content as FacilityMatrixLike} data-testid="diff-matrix-after" />}
        </>
      )}
      {diff.state === 'ready' && diff.entries.length === 0 && (
        <Alert severity="info" data-testid="diff-no-changes">
          {translate('review.diff.noChanges')}
        </Alert>
      )}
      {diff.state === 'ready' && diff.entries.length > 0 && isMatrix && <MatrixSideBySide record={record} inForce={diff.inForce} entries={diff.entries} />}
      {diff.state === 'ready' && diff.entries.length > 0 && !isMatrix && (
        <DiffEntryTable entries={diff.entries} contents={{ before: diff.inForce.content, after: record.content }} />
      )}
    </Box>
  );
};

const MatrixSideBySide = ({ record, inForce, entries }: { record: RaRecord; inForce: RaRecord; entries: DiffEntry[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { before, after, columnsBefore, columnsAfter, others } = matrixDiff(entries);
  const changedCells = new Set([...before, ...after]).size;
  return (
    <Stack spacing={2}>
      {changedCells > 0 && <Chip color="warning" label={translate('review.diff.changedCells', { count: changedCells })} sx={{ alignSelf: 'flex-start' }} />}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        <FacilityMatrixTable
          data-testid="diff-matrix-before"
          content={inForce.content as FacilityMatrixLike}
          highlight={before}
          highlightColumns={columnsBefore}
          highlightTestIdPrefix="diff-before-cell"
          highlightTone="before"
          caption={
            <>
              {translate('review.diff.before', { number: inForce.number })}
              <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
                {effectiveRangeText(inForce.effectiveFrom, inForce.effectiveThrough, locale)}
              </Typography>
            </>
          }
        />
        <FacilityMatrixTable
          data-testid="diff-matrix-after"
          content={record.content as FacilityMatrixLike}
          highlight={after}
          highlightColumns={columnsAfter}
          highlightTone="after"
          caption={
            <>
              {translate('review.diff.after', { number: record.number })}
              <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
                {effectiveRangeText(record.effectiveFrom, record.effectiveThrough, locale)}
              </Typography>
            </>
          }
        />
      </Box>
      {others.length > 0 && (
        <Box>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            {translate('review.diff.otherChanges')}
          </Typography>
          <DiffEntryTable entries={others} contents={{ before: inForce.content, after: record.content }} />
        </Box>
      )}
    </Stack>
  );
};
