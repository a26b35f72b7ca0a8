import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { ContentEnumName } from '@policy-cms/kinds';
import { ContentTextField } from '../shared/ContentTextField';
import { StringListEditor } from '../shared/StringListEditor';
import { useKindWords } from '../shared/useKindWords';

/**
 * Adds a row or a column: the choice is among the values not yet in the table, shown by their words from the shared
 * vocabulary (never the code); the heading starts as the vocabulary's word and can be edited before adding.
 */
export const AddEntryDialog = <V extends string>({
  open,
  enumName,
  choices,
  title,
  chooseLabel,
  headingLabel,
  testId,
  onAdd,
  onClose,
}: {
  open: boolean;
  enumName: ContentEnumName;
  choices: readonly V[];
  title: string;
  chooseLabel: string;
  headingLabel: string;
  testId: string;
  onAdd: (value: V, label: string) => void;
  onClose: () => void;
}) => {
  const words = useKindWords();
  const [value, setValue] = useState<V | ''>('');
  const [label, setLabel] = useState('');
  const close = () => {
    setValue('');
    setLabel('');
    onClose();
  };
  const choose = (next: V) => {
    setValue(next);
    setLabel(words.label(enumName, next));
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" data-testid={testId}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            select
            label={chooseLabel}
            value={value}
            onChange={(event) => choose(event.target.value as V)}
            size="small"
            fullWidth
            autoFocus
            slotProps={{ htmlInput: { 'data-testid': `${testId}-choice` } }}
          >
            {choices.map((choice) => (
              <MenuItem key={choice} value={choice} data-value={choice}>
                {words.label(enumName, choice)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={headingLabel}
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            size="small"
            fullWidth
            disabled={!value}
            helperText={words.t('matrix.labelHelp')}
            slotProps={{ htmlInput: { 'data-testid': `${testId}-label` } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{words.t('matrix.cancel')}</Button>
        <Button
          variant="contained"
          disabled={!value || label.trim() === ''}
          onClick={() => {
            if (value) onAdd(value, label.trim());
            close();
          }}
          data-testid={`${testId}-confirm`}
        >
          {words.t('matrix.add')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** Edits a row (its heading and notes) or a column (heading, named facilities, notes) in place, bound to the form. */
export const EntryDialog = ({
  open,
  title,
  kindOfEntry,
  path,
  valueWords,
  onClose,
}: {
  open: boolean;
  title: string;
  kindOfEntry: 'row' | 'column';
  /** content.rows.<i> or content.columns.<i> */
  path: string;
  /** The procedure or facility type, in words (it cannot be changed: remove the entry and add another instead). */
  valueWords: string;
  onClose: () => void;
}) => {
  const words = useKindWords();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid={`matrix-edit-${kindOfEntry}`}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {words.field(kindOfEntry === 'row' ? 'rows.*.procedure' : 'columns.*.facilityType')}: {valueWords}
        </Typography>
        <ContentTextField source={`${path}.label`} fullWidth sx={{ mb: 2 }} />
        {kindOfEntry === 'column' && <StringListEditor source={`${path}.locations`} />}
        <StringListEditor source={`${path}.notes`} />
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose} data-testid={`matrix-edit-${kindOfEntry}-close`}>
          {words.t('matrix.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** The ※ note of one cell: written in a draft and applied on 保存, or removed. */
export const CellNoteDialog = ({
  open,
  cellWords,
  note,
  onSave,
  onClose,
}: {
  open: boolean;
  cellWords: string;
  note: string | undefined;
  onSave: (note: string) => void;
  onClose: () => void;
}) => {
  const words = useKindWords();
  const [draft, setDraft] = useState(note ?? '');
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid="matrix-cell-note">
      <DialogTitle>
        {words.t('matrix.cellNoteTitle')}
        <Typography variant="body2" color="text.secondary" component="div">
          {cellWords}
        </Typography>
      </DialogTitle>
      <DialogContent>
        <TextField
          label={words.field('rows.*.cellNotes.*.note')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          multiline
          minRows={2}
          fullWidth
          autoFocus
          size="small"
          helperText={words.t('matrix.cellNoteHelp')}
          sx={{ mt: 1 }}
          slotProps={{ htmlInput: { 'data-testid': 'matrix-cell-note-text' } }}
        />
      </DialogContent>
      <DialogActions>
        {note !== undefined && (
          <Button
            color="error"
            onClick={() => {
              onSave('');
              onClose();
            }}
            sx={{ mr: 'auto' }}
            data-testid="matrix-cell-note-remove"
          >
            {words.t('matrix.removeCellNote')}
          </Button>
        )}
        <Button onClick={onClose}>{words.t('matrix.cancel')}</Button>
        <Button
          variant="contained"
          onClick={() => {
            onSave(draft);
            onClose();
          }}
          data-testid="matrix-cell-note-save"
        >
          {words.t('matrix.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** Asks before a row or a column goes, saying what goes with it. */
export const ConfirmRemovalDialog = ({
  open,
  title,
  text,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  text: string;
  onConfirm: () => void;
  onClose: () => void;
}) => {
  const words = useKindWords();
  return (
    <Dialog open={open} onClose={onClose} data-testid="matrix-confirm" aria-describedby="matrix-confirm-text">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id="matrix-confirm-text">{text}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {words.t('matrix.cancel')}
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={() => {
            onConfirm();
            onClose();
          }}
          data-testid="matrix-confirm-remove"
        >
          {words.t('matrix.removeConfirmButton')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
