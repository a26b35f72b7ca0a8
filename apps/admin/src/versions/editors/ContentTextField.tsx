import { TextField, type TextFieldProps } from '@mui/material';
import { useErrorAt, useFormValue } from './formHelpers';

type Props = Omit<TextFieldProps, 'value' | 'onChange' | 'name' | 'type'> & {
  /** Dotted form path, also the input's name (e.g. content.items.0.label). */
  source: string;
  /** 'yen' keeps whole numbers; an empty yen input gives null, or drops the key from its object with `dropWhenEmpty`. */
  kind?: 'text' | 'yen';
  dropWhenEmpty?: boolean;
};

/**
 * A text or yen input bound to one path of the content. Its server error (body.errors[source]) shows under it.
 */
export const ContentTextField = ({ source, kind = 'text', dropWhenEmpty = false, helperText, ...rest }: Props) => {
  const [value, setValue] = useFormValue<unknown>(source);
  const parentPath = source.slice(0, source.lastIndexOf('.'));
  const key = source.slice(source.lastIndexOf('.') + 1);
  const [parent, setParent] = useFormValue<Record<string, unknown> | undefined>(parentPath);
  const error = useErrorAt(source);
  return (
    <TextField
      {...rest}
      name={source}
      value={value === null || value === undefined ? '' : String(value)}
      onChange={(event) => {
        const text = event.target.value;
        if (kind === 'yen') {
          const digits = text.replace(/[^\d]/g, '');
          if (digits === '' && dropWhenEmpty) {
            // An amount that is not known stays out of the content rather than being null.
            const { [key]: _dropped, ...others } = parent ?? {};
            setParent(others);
          } else {
            setValue(digits === '' ? null : Number(digits));
          }
        } else {
          setValue(text);
        }
      }}
      error={!!error}
      helperText={error ?? helperText}
      size={rest.size ?? 'small'}
      slotProps={{
        ...rest.slotProps,
        htmlInput: {
          'data-testid': `content-input-${source}`,
          ...(kind === 'yen' ? { inputMode: 'numeric', style: { textAlign: 'right' } } : {}),
          ...((rest.slotProps?.htmlInput as object | undefined) ?? {}),
        },
      }}
    />
  );
};
