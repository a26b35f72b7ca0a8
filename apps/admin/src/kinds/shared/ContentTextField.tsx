import type { CSSProperties } from 'react';
import { TextField, type TextFieldProps } from '@mui/material';
import { useErrorAt, useFormValue } from './formHelpers';
import { useKindWords } from './useKindWords';

type Props = Omit<TextFieldProps, 'value' | 'onChange' | 'name' | 'type' | 'label'> & {
  /** Dotted form path, also the input's name (e.g. content.items.0.label). */
  source: string;
  /** Defaults to the field's name from @policy-cms/kinds. */
  label?: string;
  /**
   * A one-line value (a code) shown whole: it wraps onto more lines instead of being cut at the input's edge, and a
   * line break typed or pasted into it is dropped.
   */
  wrapLong?: boolean;
};

/** A text input bound to one path of the content; its error (from the server or the form) shows under it, in words. */
export const ContentTextField = ({ source, label, helperText, wrapLong = false, ...rest }: Props) => {
  const [value, setValue] = useFormValue<unknown>(source);
  const words = useKindWords();
  const error = words.error(useErrorAt(source));
  const htmlInput = (rest.slotProps?.htmlInput ?? {}) as { style?: CSSProperties };
  return (
    <TextField
      {...rest}
      name={source}
      label={label ?? words.field(source)}
      value={value === null || value === undefined ? '' : String(value)}
      onChange={(event) => setValue(wrapLong ? event.target.value.replace(/[\r\n]+/g, '') : event.target.value)}
      multiline={wrapLong || rest.multiline}
      error={!!error}
      helperText={error ?? helperText}
      size={rest.size ?? 'small'}
      slotProps={{
        ...rest.slotProps,
        htmlInput: {
          'data-testid': `content-input-${source}`,
          ...htmlInput,
          // A code has no spaces to wrap at: it breaks anywhere, whatever style the caller gives.
          style: wrapLong ? { ...htmlInput.style, wordBreak: 'break-all' } : htmlInput.style,
        },
      }}
    />
  );
};
