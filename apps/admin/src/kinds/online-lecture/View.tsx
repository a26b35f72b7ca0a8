import { Box, Typography } from '@mui/material';
import type { OnlineLectureContent } from '@policy-cms/kinds';
import { Section, formatYen } from '../shared/ViewParts';
import { useKindWords } from '../shared/useKindWords';

/** オンライン講習: who may take it, on which conditions, for how long and at what fee. */
export const OnlineLectureView = ({ content }: { content: unknown }) => {
  const words = useKindWords();
  const c = content as Partial<OnlineLectureContent>;
  return (
    <Box data-testid="preview-online-lecture">
      <Typography variant="body2">
        {words.field('eligibleDriverClasses')}: {words.list((c.eligibleDriverClasses ?? []).map((d) => words.label('driverClass', d)))}
      </Typography>
      <Typography variant="body2">
        {words.field('eligibleHoldingStatuses')}: {words.list((c.eligibleHoldingStatuses ?? []).map((h) => words.label('holdingStatus', h)))}
      </Typography>
      <Section title={words.field('requirements')} items={c.requirements} />
      {c.birthdayRule && (
        <Section
          title={words.field('birthdayRule')}
          items={[`${words.field('birthdayRule.renewalBirthdayOnOrAfter')}: ${c.birthdayRule.renewalBirthdayOnOrAfter}`, c.birthdayRule.description]}
        />
      )}
      {(c.durations ?? []).length > 0 && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {words.field('durations')}:{' '}
          {words.list((c.durations ?? []).map((d) => `${words.label('driverClass', d.driverClass)} ${d.minutes}${words.t('units.minutes')}`))}
        </Typography>
      )}
      <Typography variant="body2">
        {words.field('feeYen')}: {formatYen(c.feeYen, words.t('fees.notKnown'), words.locale)}
      </Typography>
      <Section title={words.field('exclusions')} items={c.exclusions} />
      <Section title={words.field('notes')} items={c.notes} />
    </Box>
  );
};
