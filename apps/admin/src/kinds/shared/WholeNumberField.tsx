import { useEffect, useRef, useState } from 'react';
import { InputAdornment, TextField, type TextFieldProps } from '@mui/material';
import { useController, useFormContext } from 'react-hook-form';
import { parseWholeNumberInput } from '@policy-cms/kinds';
import { encodeFormIssue } from './issues';
import { useKindWords } from './useKindWords';

type Props = Omit<TextFieldProps, 'value' | 'onChange' | 'name' | 'type' | 'label'> & {
  /** Dotted form path of a whole number (yen, minutes, an age). */
  source: string;
  label?: string;
  /** Empty must be filled in (an amount that is stated), instead of meaning "not known". */
  required?: boolean;
  /** When empty, drop the key from its object (an amount by holding status that is not known) instead of null. */
  dropWhenEmpty?: boolean;
  /** Shown after the number, in the chosen language (円 or yen, 分 or min). */
  unit?: string;
};

const same = (text: string, value: unknown) => {
  const parsed = parseWholeNumberInput(text);
  return parsed.ok && parsed.value === (value ?? null);
};

/**
 * A whole-number input that never changes what was typed into something else: full-width digits 「２９００」 are read as
 * 2900, while 「-100」, 「2.5」 or text are refused on the field (the form cannot be saved) instead of being trimmed
 * into another number, and an empty required amount must be filled in rather than becoming 0.
 */
export const WholeNumberField = ({ source, label, required = false, dropWhenEmpty = false, unit, helperText, ...rest }: Props) => {
  const words = useKindWords();
  const { getValues, setValue, clearErrors, trigger } = useFormContext();
  const problem = useRef<string | undefined>(undefined);
  const { field, fieldState } = useController({
    name: source,
    rules: {
      validate: (value: unknown) => {
        if (problem.current) return encodeFormIssue({ path: source, reason: problem.current });
        if (required && (value === undefined || value === null)) return encodeFormIssue({ path: source, reason: 'REQUIRED' });
        return true;
      },
    },
  });
  const [text, setText] = useState(() => (typeof field.value === 'number' ? String(field.value) : ''));
  // Follow a value set from elsewhere (content loaded, basis switched) unless the text already says it. While the
  // text is refused it stays as typed: its value is then unset, which the form reads as the default (the version's
  // old amount), and showing that would turn 「30o0」 into 「28500」 at the next key.
  useEffect(() => {
    if (problem.current) return;
    setText((current) => (same(current, field.value) ? current : typeof field.value === 'number' ? String(field.value) : ''));
  }, [field.value]);

  const onChange = (next: string) => {
    setText(next);
    const parsed = parseWholeNumberInput(next);
    problem.current = parsed.ok ? undefined : parsed.reason;
    if (!parsed.ok) {
      // Keep the last good value out of the content so that a refused input can never be saved as something else.
      setValue(source, undefined, { shouldDirty: true });
    } else if (parsed.value === null && dropWhenEmpty) {
      const parentPath = source.slice(0, source.lastIndexOf('.'));
      const key = source.slice(source.lastIndexOf('.') + 1);
      const { [key]: _dropped, ...others } = (getValues(parentPath) ?? {}) as Record<string, unknown>;
      setValue(parentPath, others, { shouldDirty: true });
    } else {
      field.onChange(parsed.value);
    }
    // Say at once what is wrong with the text; a fixed text clears the message.
    if (problem.current) void trigger(source);
    else clearErrors(source);
  };

  const error = words.error(fieldState.error?.message);
  return (
    <TextField
      {...rest}
      name={source}
      inputRef={field.ref}
      label={label ?? words.field(source)}
      value={text}
      onChange={(event) => onChange(event.target.value)}
      onBlur={() => {
        // Show what was understood: 「２，９００」 becomes 2900 once the input is left.
        const parsed = parseWholeNumberInput(text);
        if (parsed.ok) setText(parsed.value === null ? '' : String(parsed.value));
        field.onBlur();
      }}
      error={!!error}
      helperText={error ?? helperText}
      size={rest.size ?? 'small'}
      slotProps={{
        ...rest.slotProps,
        input: unit
          ? { endAdornment: <InputAdornment position="end">{unit}</InputAdornment>, ...((rest.slotProps?.input as object | undefined) ?? {}) }
          : rest.slotProps?.input,
        htmlInput: {
          inputMode: 'numeric',
          style: { textAlign: 'right' },
          'data-testid': `content-input-${source}`,
          ...((rest.slotProps?.htmlInput as object | undefined) ?? {}),
        },
      }}
    />
  );
};
