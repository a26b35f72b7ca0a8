import { useEffect, useState } from 'react';
import { Alert, Box, Chip, CircularProgress, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate, type RaRecord } from 'react-admin';
import { FacilityMatrixTable, type FacilityMatrixLike } from '../common/FacilityMatrixTable';
import { warekiOf } from '../common/dates';
import { DiffEntryTable } from './VersionDiff';
import { ImpactTimeline } from './ImpactTimeline';
import { fetchVersionImpact, type ImpactChange, type ImpactVersion, type VersionImpact } from './impactApi';
import { impactNaming, impactSentences, rangeText, type DateText } from './impactSummary';
import { matrixDiff } from './matrixDiff';

/** Statuses whose publication (or, for PUBLISHED, withdrawal) is still ahead: the API has an impact for them. */
export const IMPACT_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED'];

export type ImpactState = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; impact: VersionImpact } | { state: 'none' };

/**
 * The version's impact, fetched again whenever the version changes (an edit or a step bumps updatedAt). A published
 * version's impact is that of withdrawing it: asked only for a user who may withdraw it (`mayWithdraw`); to anyone
 * else (an editor, an auditor) it would be a hypothetical they cannot act on, and the page compares with today's
 * version instead.
 */
export function useVersionImpact(record: RaRecord | undefined, mayWithdraw = true): ImpactState {
  const [impact, setImpact] = useState<ImpactState>({ state: 'loading' });
  const id = record?.id;
  const status = record?.status;
  const updatedAt = record?.updatedAt;
  useEffect(() => {
    if (id === undefined || !IMPACT_STATUSES.includes(String(status)) || (status === 'PUBLISHED' && !mayWithdraw)) {
      setImpact({ state: 'none' });
      return;
    }
    let live = true;
    setImpact({ state: 'loading' });
    fetchVersionImpact(id).then(
      (result) => live && setImpact({ state: 'ready', impact: result }),
      (error: unknown) => live && setImpact({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [id, status, updatedAt, mayWithdraw]);
  return impact;
}

/** Dates in the sentences: 和暦 in Japanese (令和9年4月1日), the ISO date in English. */
export function useDateText(): DateText {
  const [locale] = useLocaleState();
  return locale === 'en' ? (date) => date : (date) => warekiOf(date) ?? date;
}

/** The impact in sentences, as the page and the confirmation dialogs say it. */
export const ImpactSentences = ({ impact, testId = 'impact-statement' }: { impact: VersionImpact; testId?: string }) => {
  const translate = useTranslate();
  const date = useDateText();
  const [locale] = useLocaleState();
  const sentences = impactSentences(translate, date, impact, impactNaming(locale === 'en' ? 'en' : 'ja'));
  return (
    <Alert severity={impact.changesNothing ? 'warning' : 'info'} data-testid={testId} data-changes-nothing={impact.changesNothing ? 'true' : 'false'}>
      {sentences.map((sentence, index) => (
        <Typography key={index} variant="body2" sx={{ mb: index < sentences.length - 1 ? 0.5 : 0 }}>
          {sentence}
        </Typography>
      ))}
    </Alert>
  );
};

/**
 * On the version page, for a version that can still be published (or withdrawn): what the public timeline would be
 * afterwards, next to what it is now, and the content diff on each run of days against the version it would replace
 * there — the one in force today, a scheduled one, or none.
 */
export const ImpactSection = ({ record, impact }: { record: RaRecord; impact: ImpactState }) => {
  const translate = useTranslate();
  if (impact.state === 'none') return null;
  const title = translate(record.status === 'PUBLISHED' ? 'review.impact.titleWithdraw' : 'review.impact.titlePublish');
  return (
    <Box data-testid="impact-section" data-state={impact.state} data-mode={impact.state === 'ready' ? impact.impact.mode : undefined}>
      <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {impact.state === 'loading' && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <CircularProgress size={18} />
          <Typography variant="body2">{translate('review.impact.loading')}</Typography>
        </Stack>
      )}
      {impact.state === 'error' && (
        <Alert severity="error">
          {translate('review.impact.failed')}: {impact.message}
        </Alert>
      )}
      {impact.state === 'ready' && (
        <Stack spacing={2}>
          <ImpactSentences impact={impact.impact} />
          <ImpactTimeline impact={impact.impact} />
          {impact.impact.changes.map((change) => (
            <ChangeDiff key={change.effectiveFrom} record={record} impact={impact.impact} change={change} />
          ))}
        </Stack>
      )}
    </Box>
  );
};

const ChangeDiff = ({ record, impact, change }: { record: RaRecord; impact: VersionImpact; change: ImpactChange }) => {
  const translate = useTranslate();
  const date = useDateText();
  const name = (version: ImpactVersion | null, fallback: string) => {
    if (!version) return translate(fallback);
    const number = translate('review.impact.version', { number: version.number });
    const withNote = (note: string) => translate('review.impact.withNote', { version: number, note: translate(note) });
    if (version.id === impact.versionId) return withNote('review.impact.thisVersion');
    return version.effectiveFrom > impact.today ? withNote('review.impact.scheduled') : number;
  };
  const beforeName = name(change.before, 'review.impact.nothingBefore');
  const afterName = name(change.after, 'review.impact.nothingAfter');
  const isMatrix = record.policyKind === 'facility-matrix';
  return (
    <Box data-testid="impact-change" data-from={change.effectiveFrom} data-through={change.effectiveThrough ?? ''} data-same={change.sameContent ? 'true' : 'false'}>
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600, mb: 1 }}>
        {translate('review.impact.runTitle', { range: rangeText(translate, date, change.effectiveFrom, change.effectiveThrough), before: beforeName, after: afterName })}
      </Typography>
      {change.sameContent && <Alert severity="warning">{translate('review.impact.sameContent')}</Alert>}
      {!change.before && change.after && (
        <Stack spacing={1}>
          <Alert severity="info">{translate('review.impact.newContent')}</Alert>
          {isMatrix && <FacilityMatrixTable content={change.after.content as FacilityMatrixLike} showNotes={false} />}
        </Stack>
      )}
      {change.before && change.after && !change.sameContent && (isMatrix ? <MatrixPair before={change.before} after={change.after} entries={change.entries} beforeName={beforeName} afterName={afterName} /> : <DiffEntryTable entries={change.entries} contents={{ before: change.before.content, after: change.after.content }} />)}
      {change.before && !change.after && isMatrix && <FacilityMatrixTable content={change.before.content as FacilityMatrixLike} showNotes={false} caption={beforeName} />}
    </Box>
  );
};

interface MatrixPairProps {
  before: ImpactVersion;
  after: ImpactVersion;
  entries: ImpactChange['entries'];
  beforeName: string;
  afterName: string;
}

const MatrixPair = ({ before: beforeVersion, after: afterVersion, entries, beforeName, afterName }: MatrixPairProps) => {
  const translate = useTranslate();
  const { before, after, columnsBefore, columnsAfter, others } = matrixDiff(entries);
  const changedCells = new Set([...before, ...after]).size;
  return (
    <Stack spacing={1.5}>
      {changedCells > 0 && <Chip color="warning" label={translate('review.diff.changedCells', { count: changedCells })} sx={{ alignSelf: 'flex-start' }} />}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        <FacilityMatrixTable
          data-testid="diff-matrix-before"
          content={beforeVersion.content as FacilityMatrixLike}
          highlight={before}
          highlightColumns={columnsBefore}
          highlightTestIdPrefix="diff-before-cell"
          highlightTone="before"
          showNotes={false}
          caption={`${translate('review.diff.beforeValue')}: ${beforeName}`}
        />
        <FacilityMatrixTable
          data-testid="diff-matrix-after"
          content={afterVersion.content as FacilityMatrixLike}
          highlight={after}
          highlightColumns={columnsAfter}
          highlightTone="after"
          showNotes={false}
          caption={`${translate('review.diff.afterValue')}: ${afterName}`}
        />
      </Box>
      {others.length > 0 && (
        <Box>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            {translate('review.diff.otherChanges')}
          </Typography>
          <DiffEntryTable entries={others} contents={{ before: beforeVersion.content, after: afterVersion.content }} />
        </Box>
      )}
    </Stack>
  );
};
