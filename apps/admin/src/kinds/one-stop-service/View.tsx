import { Box, Typography } from '@mui/material';
import type { OneStopServiceContent } from '@policy-cms/kinds';
import { Section } from '../shared/ViewParts';
import { useKindWords } from '../shared/useKindWords';

/** 住所変更手続等のワンストップサービス: who may use it, what they must have done, and which changes it covers. */
export const OneStopView = ({ content }: { content: unknown }) => {
  const words = useKindWords();
  const c = content as Partial<OneStopServiceContent>;
  return (
    <Box data-testid="preview-one-stop">
      <Typography variant="body2">
        {words.field('eligibleHoldingStatuses')}: {words.list((c.eligibleHoldingStatuses ?? []).map((h) => words.label('holdingStatus', h)))}
      </Typography>
      <Typography variant="body2">
        {words.field('coveredChanges')}: {words.list((c.coveredChanges ?? []).map((x) => x.label || words.label('personalParticular', x.particular)))}
      </Typography>
      <Section title={words.field('requiredSteps')} items={c.requiredSteps} />
      <Section title={words.field('preparation')} items={c.preparation} />
      <Section title={words.field('exclusions')} items={c.exclusions} />
      <Section
        title={words.field('notes')}
        items={[
          ...(c.coveredChanges ?? []).flatMap((x) => (x.notes ?? []).map((note) => `${x.label || words.label('personalParticular', x.particular)}: ${note}`)),
          ...(c.notes ?? []),
        ]}
      />
    </Box>
  );
};
