import { Box, Button, FormHelperText, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useErrorsUnder, useFormValue } from './formHelpers';
import { useKindWords } from './useKindWords';

/**
 * An editable list of Japanese sentences (conditions, exclusions, advice, notes) at `source` (an array of strings).
 * Each line's input is named `<source>.<index>`; errors show on the line or under the list, in words.
 */
export const StringListEditor = ({ source, label, helperText }: { source: string; label?: string; helperText?: string }) => {
  const words = useKindWords();
  const [value, setValue] = useFormValue<string[] | undefined>(source);
  const items = Array.isArray(value) ? value : [];
  const errors = useErrorsUnder(source);
  const listError = words.error(errors.find((e) => e.path === source)?.message);
  const itemError = (i: number) => words.error(errors.find((e) => e.path === `${source}.${i}`)?.message);
  const name = label ?? words.field(source);
  return (
    <Box data-testid={`list-${source}`} sx={{ mb: 2 }}>
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        {name}
      </Typography>
      {helperText && (
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
          {helperText}
        </Typography>
      )}
      <Stack spacing={1}>
        {items.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {words.t('list.empty')}
          </Typography>
        )}
        {items.map((item, i) => (
          <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <Typography variant="body2" color="text.secondary" sx={{ pt: 1, minWidth: 20, textAlign: 'right' }}>
              {i + 1}.
            </Typography>
            <TextField
              name={`${source}.${i}`}
              value={item}
              onChange={(event) => setValue(items.map((old, j) => (j === i ? event.target.value : old)))}
              multiline
              fullWidth
              size="small"
              error={!!itemError(i)}
              helperText={itemError(i)}
              slotProps={{ htmlInput: { 'data-testid': `list-item-${source}.${i}`, 'aria-label': `${name} ${i + 1}` } }}
            />
            <Tooltip title={words.t('list.remove')}>
              <IconButton aria-label={`${name} ${i + 1}: ${words.t('list.remove')}`} onClick={() => setValue(items.filter((_, j) => j !== i))} size="small">
                <DeleteIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          </Stack>
        ))}
      </Stack>
      {listError && <FormHelperText error>{listError}</FormHelperText>}
      <Button size="small" startIcon={<AddIcon />} onClick={() => setValue([...items, ''])} sx={{ mt: 0.5 }} data-testid={`list-add-${source}`}>
        {words.t('list.add')}
      </Button>
    </Box>
  );
};
