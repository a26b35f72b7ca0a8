import { Stack, Typography, type SxProps, type Theme } from '@mui/material';
import { useController, useFormContext } from 'react-hook-form';
import { readTypedDate } from '@policy-cms/temporal';
import { TypedDateField, useDateWords } from '../../common/dates';
import { encodeFormIssue } from './issues';
import { useKindWords } from './useKindWords';

interface Props {
  /** Dotted form path of a calendar date in the content ('YYYY-MM-DD'). */
  source: string;
  label?: string;
  /** Empty must be filled in (the content has no way to say "no date" there). */
  required?: boolean;
  sx?: SxProps<Theme>;
}

/**
 * A date inside a version's content, typed or picked like every date of the admin (TypedDateField): the content
 * gets the day as 'YYYY-MM-DD' (what the API keeps); a text that names no day stays as typed with its reason on the
 * field, said at once, and the form cannot be saved with it. Its 和暦 shows beside it, so a slip (平成 for 令和) is
 * seen before saving.
 */
export const ContentDateField = ({ source, label, required = false, sx }: Props) => {
  const words = useKindWords();
  const dateWords = useDateWords();
  const { trigger, clearErrors } = useFormContext();
  const { field, fieldState } = useController({
    name: source,
    rules: {
      validate: (value: unknown) => {
        const read = readTypedDate(typeof value === 'string' ? value : '');
        if (!read.ok) return encodeFormIssue({ path: source, reason: read.reason });
        if (required && !read.date) return encodeFormIssue({ path: source, reason: 'REQUIRED' });
        return true;
      },
    },
  });
  const value = typeof field.value === 'string' ? field.value : '';
  const read = readTypedDate(value);
  const error = words.error(fieldState.error?.message);
  return (
    // On a phone the 和暦 goes under the input, which takes the width for its long label.
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 0.5, sm: 2 }} sx={{ alignItems: 'flex-start', width: { xs: '100%', sm: 'auto' } }}>
      <TypedDateField
        name={source}
        inputRef={field.ref}
        label={label ?? words.field(source)}
        value={value}
        onChange={(next) => {
          field.onChange(next);
          // Say at once what is wrong with the text; a fixed text clears the message.
          if (readTypedDate(next).ok) clearErrors(source);
          else void trigger(source);
        }}
        onBlur={field.onBlur}
        error={!!error}
        helperText={error ?? words.t('dates.typedHelp')}
        testId={`content-input-${source}`}
        sx={sx}
      />
      <Typography variant="body2" sx={{ pt: { xs: 0, sm: 1 }, whiteSpace: 'nowrap' }} data-testid={`content-wareki-${source}`}>
        {read.ok && read.date ? dateWords(read.date) : ''}
      </Typography>
    </Stack>
  );
};
