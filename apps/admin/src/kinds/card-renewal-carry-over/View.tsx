import { Box, Chip, Stack, Typography } from '@mui/material';
import type { CardRenewalCarryOverContent } from '@policy-cms/kinds';
import { Bullets, formatYen } from '../shared/ViewParts';
import { useKindWords } from '../shared/useKindWords';

const List = ({ title, items, testId, empty }: { title: string; items: string[]; testId: string; empty: string }) => (
  <Box sx={{ mb: 1.5 }} data-testid={testId}>
    <Typography variant="subtitle2">{title}</Typography>
    {items.length === 0 ? (
      <Typography variant="body2" color="text.secondary">
        {empty}
      </Typography>
    ) : (
      <Bullets items={items} />
    )}
  </Box>
);

/** カード更新時の免許情報の引継ぎ: the answer first, then its conditions, exclusions, advice and the re-recording fee. */
export const CarryOverView = ({ content }: { content: unknown }) => {
  const words = useKindWords();
  const c = content as CardRenewalCarryOverContent;
  const empty = words.t('list.empty');
  return (
    <Box data-testid="carry-over-view">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1.5 }}>
        <Typography variant="subtitle2">{words.field('carriedOver')}:</Typography>
        <Chip size="small" color={c.carriedOver ? 'success' : 'warning'} label={c.carriedOver ? words.t('carryOver.yes') : words.t('carryOver.no')} data-testid="carried-over" />
      </Stack>
      <List title={words.field('conditions')} items={c.conditions ?? []} testId="view-conditions" empty={empty} />
      <List title={words.field('exclusions')} items={c.exclusions ?? []} testId="view-exclusions" empty={empty} />
      <List title={words.field('advice')} items={c.advice ?? []} testId="view-advice" empty={empty} />
      <Typography variant="body2" sx={{ mb: 1.5 }}>
        {words.field('reRecordingFeeYen')}: {formatYen(c.reRecordingFeeYen, words.t('fees.notKnown'), words.locale)}
      </Typography>
      <List title={words.field('notes')} items={c.notes ?? []} testId="view-notes" empty={empty} />
    </Box>
  );
};
