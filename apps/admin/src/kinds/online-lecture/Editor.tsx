import { Box, FormControlLabel, Stack, Switch } from '@mui/material';
import { ContentDateField } from '../shared/ContentDateField';
import { ContentTextField } from '../shared/ContentTextField';
import { EnumChecks, EnumSelect } from '../shared/EnumInputs';
import { ObjectListEditor } from '../shared/ObjectListEditor';
import { StringListEditor } from '../shared/StringListEditor';
import { WholeNumberField } from '../shared/WholeNumberField';
import { useFormValue } from '../shared/formHelpers';
import { useKindWords } from '../shared/useKindWords';

/** The birthday from which the online lecture applies; switched off, the content says null (no such rule). */
const BirthdayRule = () => {
  const words = useKindWords();
  const [rule, setRule] = useFormValue<{ renewalBirthdayOnOrAfter: string; description: string } | null | undefined>('content.birthdayRule');
  return (
    <Box sx={{ mb: 2 }}>
      <FormControlLabel
        control={
          <Switch
            checked={!!rule}
            onChange={(event) => setRule(event.target.checked ? { renewalBirthdayOnOrAfter: '', description: '' } : null)}
            slotProps={{ input: { name: 'content.birthdayRule', 'aria-label': words.field('birthdayRule') } }}
          />
        }
        label={words.field('birthdayRule')}
      />
      {rule && (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 1 }}>
          <ContentDateField source="content.birthdayRule.renewalBirthdayOnOrAfter" required sx={{ width: { xs: '100%', sm: 300 } }} />
          <ContentTextField source="content.birthdayRule.description" fullWidth multiline />
        </Stack>
      )}
    </Box>
  );
};

/** オンライン講習: who may take the renewal lecture online, on which conditions, how long it lasts and its fee. */
export const OnlineLectureEditor = () => {
  const words = useKindWords();
  return (
    <Box data-testid="online-lecture-editor">
      <EnumChecks source="content.eligibleDriverClasses" enumName="driverClass" />
      <EnumChecks source="content.eligibleHoldingStatuses" enumName="holdingStatus" />
      <StringListEditor source="content.requirements" />
      <BirthdayRule />
      <ObjectListEditor source="content.durations" newItem={() => ({ driverClass: '', minutes: undefined })}>
        {(path) => (
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <EnumSelect source={`${path}.driverClass`} enumName="driverClass" />
            <WholeNumberField source={`${path}.minutes`} required unit={words.t('units.minutes')} sx={{ width: 200 }} />
          </Stack>
        )}
      </ObjectListEditor>
      <Box sx={{ mb: 2 }}>
        <WholeNumberField source="content.feeYen" unit={words.t('units.yen')} helperText={words.t('numbers.emptyIsUnknown')} sx={{ width: 280 }} />
      </Box>
      <StringListEditor source="content.exclusions" />
      <StringListEditor source="content.notes" />
    </Box>
  );
};
