import { Box, Stack, Typography } from '@mui/material';
import { StringListEditor } from '../shared/StringListEditor';
import { SwitchField } from '../shared/EnumInputs';
import { WholeNumberField } from '../shared/WholeNumberField';
import { useFormValue } from '../shared/formHelpers';
import { useKindWords } from '../shared/useKindWords';

/** カード更新時の免許情報の引継ぎ: the carried-over switch, the lists of Japanese sentences, and the re-recording fee. */
export const CarryOverEditor = () => {
  const words = useKindWords();
  const [carriedOver] = useFormValue<boolean | undefined>('content.carriedOver');
  return (
    <Box data-testid="carry-over-editor">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <SwitchField source="content.carriedOver" />
        <Typography variant="body2" color={carriedOver ? 'success.main' : 'warning.main'} sx={{ fontWeight: 'bold' }}>
          {carriedOver ? words.t('carryOver.yes') : words.t('carryOver.no')}
        </Typography>
      </Stack>
      <StringListEditor source="content.conditions" helperText={words.t('carryOver.conditionsHelp')} />
      <StringListEditor source="content.exclusions" />
      <StringListEditor source="content.advice" />
      <Box sx={{ mb: 2 }}>
        <WholeNumberField source="content.reRecordingFeeYen" unit={words.t('units.yen')} helperText={words.t('numbers.emptyIsUnknown')} sx={{ width: 280 }} />
      </Box>
      <StringListEditor source="content.notes" />
    </Box>
  );
};
