import { Box, Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, MenuItem, Switch, TextField } from '@mui/material';
import { CONTENT_ENUMS, type ContentEnumName } from '@policy-cms/kinds';
import { useErrorAt, useErrorsUnder, useFormValue } from './formHelpers';
import { useKindWords } from './useKindWords';

/** One value of an enum, chosen by its words; a stored value the enum no longer knows stays visible. */
export const EnumSelect = ({ source, enumName, label, width = 280 }: { source: string; enumName: ContentEnumName; label?: string; width?: number }) => {
  const words = useKindWords();
  const [value, setValue] = useFormValue<string | undefined>(source);
  const error = words.error(useErrorAt(source));
  const values: readonly string[] = CONTENT_ENUMS[enumName];
  const options = value && !values.includes(value) ? [...values, value] : values;
  return (
    <TextField
      select
      size="small"
      name={source}
      label={label ?? words.field(source)}
      value={value ?? ''}
      onChange={(event) => setValue(event.target.value)}
      error={!!error}
      helperText={error}
      sx={{ width }}
      slotProps={{ htmlInput: { 'data-testid': `content-input-${source}` } }}
    >
      {options.map((option) => (
        <MenuItem key={option} value={option}>
          {words.label(enumName, option)}
        </MenuItem>
      ))}
    </TextField>
  );
};

/** A list of enum values (e.g. eligible driver classes) as check boxes, kept in the enum's order. */
export const EnumChecks = ({ source, enumName, label }: { source: string; enumName: ContentEnumName; label?: string }) => {
  const words = useKindWords();
  const [value, setValue] = useFormValue<string[] | undefined>(source);
  const chosen = Array.isArray(value) ? value : [];
  const errors = useErrorsUnder(source);
  const values: readonly string[] = CONTENT_ENUMS[enumName];
  const toggle = (option: string, on: boolean) =>
    setValue(on ? [...values.filter((v) => v === option || chosen.includes(v)), ...chosen.filter((v) => !values.includes(v))] : chosen.filter((v) => v !== option));
  const name = label ?? words.field(source);
  return (
    <FormControl component="fieldset" error={errors.length > 0} sx={{ mb: 1.5, display: 'block' }} data-testid={`checks-${source}`}>
      <FormLabel component="legend" sx={{ typography: 'subtitle2', color: 'text.primary' }}>
        {name}
      </FormLabel>
      <FormGroup row>
        {[...values, ...chosen.filter((v) => !values.includes(v))].map((option) => (
          <FormControlLabel
            key={option}
            control={
              <Checkbox
                size="small"
                checked={chosen.includes(option)}
                onChange={(event) => toggle(option, event.target.checked)}
                slotProps={{ input: { name: `${source}.${option}` } }}
              />
            }
            label={words.label(enumName, option)}
          />
        ))}
      </FormGroup>
      {errors.map((e) => (
        <FormHelperText key={e.path}>{words.error(e.message)}</FormHelperText>
      ))}
    </FormControl>
  );
};

/** A yes/no fact of the content as a switch, labelled with its field name. */
export const SwitchField = ({ source, label }: { source: string; label?: string }) => {
  const words = useKindWords();
  const [value, setValue] = useFormValue<boolean | undefined>(source);
  const error = words.error(useErrorAt(source));
  const name = label ?? words.field(source);
  return (
    <Box>
      <FormControlLabel
        control={<Switch checked={!!value} onChange={(event) => setValue(event.target.checked)} slotProps={{ input: { name: source, 'aria-label': name } }} />}
        label={name}
      />
      {error && <FormHelperText error>{error}</FormHelperText>}
    </Box>
  );
};
