import { Box, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import { versionTexts as T } from '../../i18n/messages-versions';
import { ContentTextField } from './ContentTextField';
import { StringListEditor } from './StringListEditor';
import { useErrorAt, useFormValue } from './formHelpers';

/** カード更新時の免許情報の引継ぎ: the carried-over switch, the lists of Japanese sentences, and the re-recording fee. */
export const CarryOverEditor = () => {
  const [carriedOver, setCarriedOver] = useFormValue<boolean | undefined>('content.carriedOver');
  const error = useErrorAt('content.carriedOver');
  return (
    <Box data-testid="carry-over-editor">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <FormControlLabel
          control={
            <Switch
              checked={!!carriedOver}
              onChange={(e) => setCarriedOver(e.target.checked)}
              slotProps={{ input: { name: 'content.carriedOver', 'aria-label': T.carryOver.carriedOver } }}
            />
          }
          label={T.carryOver.carriedOver}
        />
        <Typography variant="body2" color={carriedOver ? 'success.main' : 'warning.main'} sx={{ fontWeight: 'bold' }}>
          {carriedOver ? T.carryOver.carriedOverYes : T.carryOver.carriedOverNo}
        </Typography>
        {error && (
          <Typography variant="caption" color="error">
            {error}
          </Typography>
        )}
      </Stack>
      <StringListEditor source="content.conditions" label={T.carryOver.conditions} helperText={T.carryOver.conditionsHelp} />
      <StringListEditor source="content.exclusions" label={T.carryOver.exclusions} />
      <StringListEditor source="content.advice" label={T.carryOver.advice} />
      <Box sx={{ mb: 2 }}>
        <ContentTextField
          source="content.reRecordingFeeYen"
          kind="yen"
          label={T.carryOver.reRecordingFeeYen}
          sx={{ width: 260 }}
          slotProps={{ input: { endAdornment: '円' } }}
        />
      </Box>
      <StringListEditor source="content.notes" label={T.carryOver.notes} />
    </Box>
  );
};
