import { useEffect, useRef, useState } from 'react';
import { Stack, TextField, Typography, type TextFieldProps } from '@mui/material';
import { useController, useFormContext } from 'react-hook-form';
import { readTypedDate } from '@policy-cms/temporal';
import { useDateWords } from '../../common/dates';
import { encodeFormIssue } from './issues';
import { useKindWords } from './useKindWords';

type Props = Omit<TextFieldProps, 'value' | 'onChange' | 'name' | 'type' | 'label'> & {
  /** Dotted form path of a calendar date in the content ('YYYY-MM-DD'). */
  source: string;
  label?: string;
  /** Empty must be filled in (the content has no way to say "no date" there). */
  required?: boolean;
};

/**
 * A date inside a version's content, typed as people in the office write dates: 2025/3/24, 2025年3月24日,
 * 令和7年3月24日 or R7.3.24, in full-width digits too. The content gets the day as 'YYYY-MM-DD' (what the API keeps);
 * a text that names no day stays as typed with its reason on the field, and the form cannot be saved with it. Its
 * 和暦 shows beside it, so a slip (平成 for 令和) is seen before saving.
 */
export const ContentDateField = ({ source, label, helperText, required = false, ...rest }: Props) => {
  const words = useKindWords();
  const dateWords = useDateWords();
  const { trigger, clearErrors } = useFormContext();
  const problem = useRef<string | undefined>(undefined);
  const { field, fieldState } = useController({
    name: source,
    rules: {
      validate: (value: unknown) => {
        if (problem.current) return encodeFormIssue({ path: source, reason: problem.current });
        if (required && !value) return encodeFormIssue({ path: source, reason: 'REQUIRED' });
        return true;
      },
    },
  });
  const [text, setText] = useState(() => (typeof field.value === 'string' ? field.value : ''));
  // Follow a value set from elsewhere (content loaded) unless the text already names that day.
  useEffect(() => {
    if (problem.current) return;
    setText((current) => {
      const read = readTypedDate(current);
      return read.ok && read.date === (field.value || null) ? current : typeof field.value === 'string' ? field.value : '';
    });
  }, [field.value]);

  const onChange = (next: string) => {
    setText(next);
    const read = readTypedDate(next);
    problem.current = read.ok ? undefined : read.reason;
    // A text that names no day is kept out of the content, which then cannot pass as some other day.
    field.onChange(read.ok ? (read.date ?? '') : '');
    if (problem.current) void trigger(source);
    else clearErrors(source);
  };

  const error = words.error(fieldState.error?.message);
  const day = typeof field.value === 'string' && field.value ? field.value : null;
  return (
    // On a phone the 和暦 goes under the input, which takes the width for its long label.
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 0.5, sm: 2 }} sx={{ alignItems: 'flex-start', width: { xs: '100%', sm: 'auto' } }}>
      <TextField
        {...rest}
        name={source}
        inputRef={field.ref}
        label={label ?? words.field(source)}
        value={text}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => {
          // Show what was understood: 「令和7年3月24日」 reads 2025-03-24 once the input is left.
          const read = readTypedDate(text);
          if (read.ok) setText(read.date ?? '');
          field.onBlur();
        }}
        error={!!error}
        helperText={error ?? helperText ?? words.t('dates.typedHelp')}
        size={rest.size ?? 'small'}
        slotProps={{ ...rest.slotProps, htmlInput: { 'data-testid': `content-input-${source}`, ...((rest.slotProps?.htmlInput as object | undefined) ?? {}) } }}
      />
      <Typography variant="body2" sx={{ pt: { xs: 0, sm: 1 }, whiteSpace: 'nowrap' }} data-testid={`content-wareki-${source}`}>
        {!problem.current && day ? dateWords(day) : ''}
      </Typography>
    </Stack>
  );
};
