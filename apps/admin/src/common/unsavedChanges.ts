import { useEffect, useId } from 'react';
import { useRecordFromLocation } from 'react-admin';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';

/**
 * The forms on screen that hold changes not saved yet. A change of language re-renders the whole app (react-admin
 * remounts everything under its i18n context), which empties a form; the language menu asks first while this is not
 * empty (LanguageMenu.tsx). Back, a link and closing the tab are already guarded by warnWhenUnsavedChanges.
 */
const unsaved = new Set<string>();

export function hasUnsavedChanges(): boolean {
  return unsaved.size > 0;
}

/**
 * Placed inside a form: reports whether it holds unsaved changes, and stops reporting when it goes. Changes are what
 * react-admin's own guard counts (fields the person changed), not values the form set itself (the content loaded
 * into a new version).
 */
export const UnsavedChangesReporter = () => {
  const id = useId();
  const { getValues } = useFormContext();
  const { dirtyFields, defaultValues, isSubmitSuccessful } = useFormState();
  // The values a form starts from: its defaults and what the address presets (?source=, the policy of a new version).
  const preset = useRecordFromLocation();
  useWatch(); // re-checked as the values change
  // A field marked changed that holds its starting value (the preset policy, set by its input) holds nothing to lose.
  const start = { ...(defaultValues as Record<string, unknown> | undefined), ...preset };
  const changed = Object.keys(dirtyFields).some((key) => JSON.stringify(getValues(key)) !== JSON.stringify(start[key]));
  const dirty = changed && !isSubmitSuccessful;
  useEffect(() => {
    if (dirty) unsaved.add(id);
    else unsaved.delete(id);
    return () => {
      unsaved.delete(id);
    };
  }, [id, dirty]);
  return null;
};
