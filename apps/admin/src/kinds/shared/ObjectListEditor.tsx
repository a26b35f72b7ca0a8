import type { ReactNode } from 'react';
import { Box, Button, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useErrorAt, useFormValue } from './formHelpers';
import { useKindWords } from './useKindWords';

/**
 * A list of objects (rules, durations, covered changes): each entry in its own box with a remove button, and an add
 * button that appends `newItem()`. `children(path, index)` draws the inputs of one entry.
 */
export const ObjectListEditor = <T,>({
  source,
  label,
  newItem,
  minItems = 0,
  children,
}: {
  source: string;
  label?: string;
  newItem: () => T;
  minItems?: number;
  children: (path: string, index: number, item: T) => ReactNode;
}) => {
  const words = useKindWords();
  const [value, setValue] = useFormValue<T[] | undefined>(source);
  const items = Array.isArray(value) ? value : [];
  const listError = words.error(useErrorAt(source));
  const name = label ?? words.field(source);
  // One entry by its own (singular) name: "Reservation of a procedure 1", not "Reservation per procedure 1".
  const entryName = label ?? words.field(`${source}.0`);
  return (
    <Box sx={{ mb: 2 }} data-testid={`objects-${source}`}>
      <Typography variant="subtitle1" sx={{ fontWeight: 'bold', mb: 1 }}>
        {name}
      </Typography>
      <Stack spacing={1.5}>
        {items.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {words.t('list.empty')}
          </Typography>
        )}
        {items.map((item, i) => (
          <Paper key={i} variant="outlined" sx={{ p: 1.5 }} data-testid={`object-${source}.${i}`}>
            <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
              <Typography variant="subtitle2" sx={{ flex: 1 }}>
                {entryName} {i + 1}
              </Typography>
              <Tooltip title={words.t('list.remove')}>
                <span>
                  <IconButton
                    size="small"
                    aria-label={`${entryName} ${i + 1}: ${words.t('list.remove')}`}
                    disabled={items.length <= minItems}
                    onClick={() => setValue(items.filter((_, j) => j !== i))}
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                </span>
              </Tooltip>
            </Stack>
            {children(`${source}.${i}`, i, item)}
          </Paper>
        ))}
      </Stack>
      {listError && (
        <Typography variant="caption" color="error" component="div" role="alert">
          {listError}
        </Typography>
      )}
      <Button size="small" startIcon={<AddIcon />} sx={{ mt: 1 }} onClick={() => setValue([...items, newItem()])} data-testid={`objects-add-${source}`}>
        {words.t('list.addTo', { name: entryName })}
      </Button>
    </Box>
  );
};
