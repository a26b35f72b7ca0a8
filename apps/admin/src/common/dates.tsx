import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { Box, IconButton, InputAdornment, Stack, TextField, Typography, type SxProps, type Theme } from '@mui/material';
import CalendarIcon from '@mui/icons-material/CalendarMonthOutlined';
import { InputHelperText, useInput, useLocaleState, useRecordContext, useTranslate, type Validator } from 'react-admin';
import { compareDates, formatWareki, isCalendarDate, parseCalendarDate, readTypedDate, todayInTokyo, type CalendarDate } from '@policy-cms/temporal';
import { useVersionTexts } from '../i18n/useTexts';

/*
 * Effective dates are calendar days in Japan, carried as 'YYYY-MM-DD' strings from the API to the screen and back.
 * Nothing here turns them into a JS Date, so they cannot shift with the browser's time zone. Instants (updatedAt, …)
 * are real instants and are shown in Asia/Tokyo.
 */

/** The 和暦 of an ISO calendar date ('令和7年3月24日'), or null when the value is not a valid date. */
export function warekiOf(value: unknown): string | null {
  if (!isCalendarDate(value)) return null;
  try {
    return formatWareki(value);
  } catch {
    return null;
  }
}

/** '2025-03-24(令和7年3月24日)'; the ISO text alone when it has no 和暦. */
export function isoWithWareki(value: string): string {
  const wareki = warekiOf(value);
  return wareki ? `${value}(${wareki})` : value;
}

/**
 * The 和暦 beside a date, in the chosen language: 令和7年3月24日 on a Japanese screen, nothing on an English one, where
 * the ISO date stands alone (an English reader does not count years by era).
 */
export function useEraOf(): (value: unknown) => string | null {
  const [locale] = useLocaleState();
  return locale === 'en' ? () => null : warekiOf;
}

const englishLongDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * A day in words for an English reader ('Thursday, 1 April 2027'), or null when the value is not a valid date. The
 * day is placed at midnight UTC and read back in UTC, so no time zone can move it.
 */
export function englishDateOf(value: unknown): string | null {
  if (!isCalendarDate(value)) return null;
  const [year, month, day] = value.split('-').map(Number);
  const at = new Date(Date.UTC(2000, month - 1, day));
  at.setUTCFullYear(year);
  return englishLongDate.format(at);
}

/**
 * The words that confirm a typed date, in the chosen language: its 和暦 in Japanese, 'Thursday, 1 April 2027' in
 * English. The browser's date picker follows the browser's language, not the screen's; these words do not.
 */
export function useDateWords(): (value: unknown) => string | null {
  const [locale] = useLocaleState();
  return locale === 'en' ? englishDateOf : warekiOf;
}

/** isoWithWareki in the chosen language: '2025-03-24(令和7年3月24日)' in Japanese, '2025-03-24' in English. */
export function useIsoWithEra(): (value: string) => string {
  const [locale] = useLocaleState();
  return locale === 'en' ? (value) => value : isoWithWareki;
}

/** Today in Tokyo as 'YYYY-MM-DD'. */
export function tokyoToday(): CalendarDate {
  return todayInTokyo();
}

/** True when `from` is a valid date before today in Tokyo: publishing it corrects the past. */
export function isBeforeTodayInTokyo(from: unknown): boolean {
  return isCalendarDate(from) && compareDates(from, todayInTokyo()) < 0;
}

/** An ISO date with its 和暦 in smaller grey text; `openEnded` for null. */
export const CalendarDateText = ({
  value,
  emptyText,
  inline = false,
}: {
  value: string | null | undefined;
  emptyText?: ReactNode;
  inline?: boolean;
}) => {
  const eraOf = useEraOf();
  if (!value) {
    return (
      // One word (無期限): never broken a character a line in a narrow column.
      <Typography component="span" variant="body2" color="text.secondary" data-date="" sx={{ whiteSpace: 'nowrap' }}>
        {emptyText ?? ''}
      </Typography>
    );
  }
  const wareki = eraOf(value);
  return (
    <Box component="span" data-date={value} sx={{ display: inline ? 'inline' : 'inline-flex', flexDirection: 'column', lineHeight: 1.3 }}>
      <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {value}
      </Typography>
      {wareki && (
        <Typography component="span" variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap', ml: inline ? 1 : 0 }}>
          {inline ? `(${wareki})` : wareki}
        </Typography>
      )}
    </Box>
  );
};

/**
 * Like react-admin's DateField, for calendar dates: shows the stored 'YYYY-MM-DD' and its 和暦, never through JS Date.
 * `emptyText` shows for null (e.g. 無期限 for an open-ended range).
 */
export const CalendarDateField = ({
  source,
  emptyText,
  inline,
}: {
  source: string;
  emptyText?: ReactNode;
  inline?: boolean;
  label?: ReactNode;
  sortable?: boolean;
}) => {
  const record = useRecordContext();
  if (!record) return null;
  const value = source.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], record);
  return <CalendarDateText value={typeof value === 'string' ? value : null} emptyText={emptyText} inline={inline} />;
};

/**
 * A range 'from 〜 through' with 和暦; through null = 無期限. `stacked`: each date's 和暦 under it (a table cell), not
 * beside it.
 */
export const CalendarRangeText = ({ from, through, stacked = false }: { from: string; through: string | null | undefined; stacked?: boolean }) => {
  const T = useVersionTexts();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: stacked ? 'nowrap' : 'wrap' }} data-testid="effective-range">
      <CalendarDateText value={from} inline={!stacked} />
      <Typography component="span">〜</Typography>
      <CalendarDateText value={through} emptyText={T.dates.openEnded} inline={!stacked} />
    </Stack>
  );
};

const tokyoInstant = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/**
 * An instant to the millisecond in Tokyo's time with its offset, '2025-03-24T09:00:00.000+09:00': the exact instant a
 * tooltip gives, in the time the screen shows (not UTC's 'Z', a day apart for an evening in Tokyo). Japan has kept
 * +09:00 since 1951.
 */
export function exactTokyoInstant(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : `${new Date(t + 9 * 3_600_000).toISOString().slice(0, 23)}+09:00`;
}

/** An instant (ISO with Z or offset) as Tokyo wall time, e.g. '2025/03/24 09:00:00'. */
export function formatInstant(value: string | null | undefined): string {
  if (!value) return '';
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? value : tokyoInstant.format(t);
}

/** An instant field shown in Asia/Tokyo whatever the browser's zone. */
export const InstantField = ({ source }: { source: string; label?: ReactNode; sortable?: boolean }) => {
  const record = useRecordContext();
  const value = record?.[source] as string | null | undefined;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} title={value ? exactTokyoInstant(value) : ''}>
      {formatInstant(value)}
    </Typography>
  );
};

/**
 * Validator for the date input: empty passes (add `required` separately), anything else must be a real day. It
 * answers with a key of the catalogue, which react-admin translates into the chosen language.
 */
export const calendarDate: Validator = (value: unknown) => {
  if (value === null || value === undefined || value === '') return undefined;
  try {
    parseCalendarDate(value);
    return undefined;
  } catch {
    return 'versions.dates.invalid';
  }
};

export interface CalendarDateInputProps {
  source: string;
  label?: string;
  helperText?: ReactNode;
  validate?: Validator | Validator[];
  disabled?: boolean;
  /** Shown beside the input when empty (e.g. 無期限). */
  emptyText?: string;
}

export interface TypedDateFieldProps {
  /** 'YYYY-MM-DD', '' when empty, or a text that names no day (kept as typed). */
  value: string;
  /** Called with the day ('YYYY-MM-DD') when the text names one, '' when empty, the text itself otherwise. */
  onChange: (value: string) => void;
  onBlur?: () => void;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  label?: string;
  required?: boolean;
  disabled?: boolean;
  error?: boolean;
  helperText?: ReactNode;
  /** The input's data-testid; the calendar button's is `${testId}-pick`. */
  testId: string;
  sx?: SxProps<Theme>;
}

/**
 * A calendar date typed as people in the office write dates (2027/4/1, 2027年4月1日, 令和9年4月1日, R9.4.1,
 * full-width digits) or picked from the browser's calendar by its button. A native date input was the whole control
 * before: it shows mm/dd/yyyy in a browser set to English, and takes no 和暦. A text that names no day stays as
 * typed, and is what `onChange` gets, so that it can never pass as another day.
 */
export const TypedDateField = ({ value, onChange, onBlur, name, inputRef, label, required, disabled, error, helperText, testId, sx }: TypedDateFieldProps) => {
  const translate = useTranslate();
  const [text, setText] = useState(value);
  // Follow a value set from elsewhere (a record loaded, a form reset, a button) unless the text already says it.
  useEffect(() => {
    setText((current) => {
      const read = readTypedDate(current);
      return (read.ok ? (read.date ?? '') : current) === value ? current : value;
    });
  }, [value]);
  const picker = useRef<HTMLInputElement | null>(null);
  const onText = (next: string) => {
    setText(next);
    const read = readTypedDate(next);
    onChange(read.ok ? (read.date ?? '') : next);
  };
  return (
    <TextField
      name={name}
      value={text}
      onChange={(event) => onText(event.target.value)}
      onBlur={() => {
        // Show what was understood: 令和9年4月1日 reads 2027-04-01 once the input is left.
        const read = readTypedDate(text);
        if (read.ok) setText(read.date ?? '');
        onBlur?.();
      }}
      inputRef={inputRef}
      label={label}
      required={required}
      disabled={disabled}
      error={error}
      helperText={helperText}
      size="small"
      sx={sx ?? { width: 220 }}
      slotProps={{
        inputLabel: { shrink: true },
        htmlInput: { 'data-testid': testId, autoComplete: 'off' },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                size="small"
                edge="end"
                disabled={disabled}
                aria-label={translate('versions.dates.pick', { field: label ?? '' })}
                data-testid={`${testId}-pick`}
                onClick={() => picker.current?.showPicker?.()}
              >
                <CalendarIcon fontSize="small" />
              </IconButton>
              {/* The browser's own calendar, opened by the button; its day becomes the text. */}
              <input
                ref={picker}
                type="date"
                tabIndex={-1}
                aria-hidden
                value={isCalendarDate(value) ? value : ''}
                min="0001-01-01"
                max="9999-12-31"
                onChange={(event) => onText(event.target.value)}
                style={{ position: 'absolute', right: 0, bottom: 0, width: 1, height: 1, opacity: 0, border: 0, padding: 0, pointerEvents: 'none' }}
              />
            </InputAdornment>
          ),
        },
      }}
    />
  );
};

/**
 * A date input of a form: its value a 'YYYY-MM-DD' string (null when empty), typed or picked (TypedDateField). A
 * text that names no day is the form's value as typed, which the validator refuses, so it can never be saved as
 * another day. Its 和暦 shows beside it. The <input> has `name` = source.
 */
export const CalendarDateInput = ({ source, label, helperText, validate, disabled, emptyText }: CalendarDateInputProps) => {
  const translate = useTranslate();
  const validators = [calendarDate, ...(Array.isArray(validate) ? validate : validate ? [validate] : [])];
  const { field, fieldState, isRequired } = useInput({
    source,
    validate: validators,
    format: (value: unknown) => (typeof value === 'string' ? value : ''),
    parse: (value: string) => (value === '' ? null : value),
  });
  const wareki = useDateWords()(field.value);
  const error = fieldState.error?.message;
  // On a phone the 和暦 goes under the input, which then has the width for its label and its messages.
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 0.5, sm: 2 }} sx={{ alignItems: 'flex-start', width: { xs: '100%', sm: 'auto' } }}>
      <TypedDateField
        name={field.name}
        value={typeof field.value === 'string' ? field.value : ''}
        onChange={field.onChange}
        onBlur={field.onBlur}
        inputRef={field.ref}
        label={label}
        required={isRequired}
        disabled={disabled}
        error={!!error}
        helperText={<InputHelperText error={error} helperText={helperText ?? translate('versions.dates.typedHelp')} />}
        testId={`date-input-${source}`}
        sx={{ width: { xs: '100%', sm: 240 } }}
      />
      <Typography
        variant="body2"
        color={wareki ? 'text.primary' : 'text.secondary'}
        sx={{ pt: { xs: 0, sm: 1 }, minWidth: 160, whiteSpace: 'nowrap' }}
        data-testid={`wareki-${source}`}
      >
        {wareki ?? (field.value ? '' : (emptyText ?? ''))}
      </Typography>
    </Stack>
  );
};
