import { Box, Stack } from '@mui/material';
import { ContentTextField } from '../shared/ContentTextField';
import { EnumChecks, EnumSelect } from '../shared/EnumInputs';
import { ObjectListEditor } from '../shared/ObjectListEditor';
import { StringListEditor } from '../shared/StringListEditor';

/** 住所変更手続等のワンストップサービス: who may use it, what they must have done, and which changes it covers. */
export const OneStopServiceEditor = () => (
  <Box data-testid="one-stop-service-editor">
    <EnumChecks source="content.eligibleHoldingStatuses" enumName="holdingStatus" />
    <StringListEditor source="content.requiredSteps" />
    <StringListEditor source="content.preparation" />
    <ObjectListEditor source="content.coveredChanges" minItems={1} newItem={() => ({ particular: '', label: '', notes: [] })}>
      {(path) => (
        <Stack spacing={1}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <EnumSelect source={`${path}.particular`} enumName="personalParticular" />
            <ContentTextField source={`${path}.label`} fullWidth />
          </Stack>
          <StringListEditor source={`${path}.notes`} />
        </Stack>
      )}
    </ObjectListEditor>
    <StringListEditor source="content.exclusions" />
    <StringListEditor source="content.notes" />
  </Box>
);
