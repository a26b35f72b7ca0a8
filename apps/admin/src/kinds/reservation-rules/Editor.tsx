import { Box, Divider, FormControlLabel, Stack, Switch } from '@mui/material';
import { ContentTextField } from '../shared/ContentTextField';
import { EnumChecks, EnumSelect } from '../shared/EnumInputs';
import { ObjectListEditor } from '../shared/ObjectListEditor';
import { StringListEditor } from '../shared/StringListEditor';
import { WholeNumberField } from '../shared/WholeNumberField';
import { useFormValue } from '../shared/formHelpers';
import { useKindWords } from '../shared/useKindWords';

/**
 * Whether a reservation is needed, and where to make it. Channels are asked for only when one is needed, and switching
 * the need off clears them, since the rule refuses channels on a procedure that needs no reservation.
 */
const ReservationFields = ({ path }: { path: string }) => {
  const words = useKindWords();
  const [required, setRequired] = useFormValue<boolean | undefined>(`${path}.reservationRequired`);
  const [channels, setChannels] = useFormValue<string[] | undefined>(`${path}.channels`);
  const name = words.field(`${path}.reservationRequired`);
  return (
    <>
      <FormControlLabel
        control={
          <Switch
            checked={!!required}
            onChange={(event) => {
              setRequired(event.target.checked);
              if (!event.target.checked) setChannels([]);
            }}
            slotProps={{ input: { name: `${path}.reservationRequired`, 'aria-label': name } }}
          />
        }
        label={name}
      />
      {(required || (channels ?? []).length > 0) && <EnumChecks source={`${path}.channels`} enumName="reservationChannel" />}
    </>
  );
};

/** The age from which nobody needs a reservation; switched off, the content says null (no such age). */
const AgeWaiver = () => {
  const words = useKindWords();
  const [waiver, setWaiver] = useFormValue<{ fromAge?: number; description: string } | null | undefined>('content.ageWaiver');
  return (
    <Box sx={{ mb: 2 }}>
      <FormControlLabel
        control={
          <Switch
            checked={!!waiver}
            onChange={(event) => setWaiver(event.target.checked ? { description: '' } : null)}
            slotProps={{ input: { name: 'content.ageWaiver', 'aria-label': words.field('ageWaiver') } }}
          />
        }
        label={words.field('ageWaiver')}
      />
      {waiver && (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 1 }}>
          <WholeNumberField source="content.ageWaiver.fromAge" required unit={words.t('units.age')} sx={{ width: 240 }} />
          <ContentTextField source="content.ageWaiver.description" fullWidth multiline />
        </Stack>
      )}
    </Box>
  );
};

/** 予約方法: per procedure whether a reservation is needed and through which channels, with exceptions by facility. */
export const ReservationRulesEditor = () => (
  <Box data-testid="reservation-rules-editor">
    <Box sx={{ mb: 2 }}>
      <ContentTextField source="content.scope" fullWidth multiline />
    </Box>
    <AgeWaiver />
    <ObjectListEditor
      source="content.rules"
      newItem={() => ({ procedure: '', label: '', reservationRequired: true, channels: [], facilityRules: [], notes: [] })}
    >
      {(path) => (
        <Stack spacing={1.5}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <EnumSelect source={`${path}.procedure`} enumName="procedure" width={340} />
            <ContentTextField source={`${path}.label`} fullWidth />
          </Stack>
          <ReservationFields path={path} />
          <ObjectListEditor
            source={`${path}.facilityRules`}
            newItem={() => ({ facilityType: '', reservationRequired: false, channels: [], notes: [] })}
          >
            {(facilityPath) => (
              <Stack spacing={1}>
                <EnumSelect source={`${facilityPath}.facilityType`} enumName="facilityType" />
                <ReservationFields path={facilityPath} />
                <StringListEditor source={`${facilityPath}.notes`} />
              </Stack>
            )}
          </ObjectListEditor>
          <StringListEditor source={`${path}.notes`} />
        </Stack>
      )}
    </ObjectListEditor>
    <Divider sx={{ my: 1 }} />
    <StringListEditor source="content.notes" />
  </Box>
);
