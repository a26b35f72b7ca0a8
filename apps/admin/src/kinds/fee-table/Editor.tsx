import { Alert, Box, Button, IconButton, MenuItem, Stack, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useFormState } from 'react-hook-form';
import { AMOUNT_BASES, HOLDING_STATUSES, SOURCE_GRADES, type AmountBasis, type HoldingStatus } from '@policy-cms/kinds';
import { ContentTextField } from '../shared/ContentTextField';
import { StringListEditor } from '../shared/StringListEditor';
import { WholeNumberField } from '../shared/WholeNumberField';
import { collectErrors, useFormValue } from '../shared/formHelpers';
import { useKindWords } from '../shared/useKindWords';

/** An amount as the form holds it: a new or half-typed one may lack its yen (and must then be filled in). */
type FormAmount = { basis: 'UNIFORM'; yen?: number } | { basis: 'BY_HOLDING_STATUS'; byHoldingStatus: Partial<Record<HoldingStatus, number>> };
interface FormFeeItem {
  code: string;
  label: string;
  amount: FormAmount;
  sourceGrade: string;
  notes: string[];
}

/** A new item states nothing yet: no label, no amount (never 一律 0円), to be filled in before it can be saved. */
export function newFeeItem(existing: readonly { code: string }[]): FormFeeItem {
  let n = existing.length + 1;
  while (existing.some((item) => item.code === `item-${n}`)) n++;
  return { code: `item-${n}`, label: '', amount: { basis: 'UNIFORM' }, sourceGrade: 'OFFICIAL', notes: [] };
}

/** The amounts of one item: one yen input when uniform, one per holding status otherwise (empty = 未掲載). */
const AmountInputs = ({ index }: { index: number }) => {
  const words = useKindWords();
  const path = `content.items.${index}.amount`;
  const [amount, setAmount] = useFormValue<FormAmount | undefined>(path);
  if (!amount) return null;
  // Switching keeps what is known and invents nothing: an amount that was not given stays empty.
  const switchBasis = (basis: AmountBasis) => {
    if (basis === amount.basis) return;
    if (basis === 'UNIFORM') {
      const known = amount.basis === 'BY_HOLDING_STATUS' ? HOLDING_STATUSES.map((h) => amount.byHoldingStatus[h]).find((y) => y !== undefined) : undefined;
      setAmount(known === undefined ? { basis: 'UNIFORM' } : { basis: 'UNIFORM', yen: known });
    } else {
      const yen = amount.basis === 'UNIFORM' ? amount.yen : undefined;
      setAmount({ basis: 'BY_HOLDING_STATUS', byHoldingStatus: yen === undefined ? {} : { LICENSE_ONLY: yen } });
    }
  };
  return (
    <Box sx={ROW}>
      <TextField
        select
        size="small"
        value={amount.basis}
        name={`${path}.basis`}
        label={words.field(`${path}.basis`)}
        onChange={(e) => switchBasis(e.target.value as AmountBasis)}
        slotProps={{ htmlInput: { 'data-testid': `fee-basis-${index}` } }}
        sx={{ width: { xs: '100%', sm: 180 } }}
      >
        {AMOUNT_BASES.map((basis) => (
          <MenuItem key={basis} value={basis}>
            {words.label('amountBasis', basis)}
          </MenuItem>
        ))}
      </TextField>
      {amount.basis === 'UNIFORM' ? (
        <WholeNumberField
          key={`${path}.yen`}
          source={`${path}.yen`}
          required
          unit={words.t('units.yen')}
          helperText={words.t('fees.uniformAcross')}
          sx={{ width: { xs: '100%', sm: 240 } }}
        />
      ) : (
        HOLDING_STATUSES.map((h) => (
          <WholeNumberField
            key={h}
            source={`${path}.byHoldingStatus.${h}`}
            dropWhenEmpty
            unit={words.t('units.yen')}
            placeholder={words.t('fees.notKnown')}
            // The holding status names the input; the error says the whole field name (「マイナ免許証のみの金額」).
            label={words.label('holdingStatus', h)}
            sx={{ width: { xs: '100%', sm: 240 } }}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        ))
      )}
    </Box>
  );
};

/** A line of inputs that wraps onto the next line rather than running past its box, whatever the screen's width. */
const ROW = { display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' } as const;

const SourceGradeSelect = ({ index }: { index: number }) => {
  const words = useKindWords();
  const path = `content.items.${index}.sourceGrade`;
  const [grade, setGrade] = useFormValue<string>(path);
  return (
    <TextField select size="small" name={path} label={words.field(path)} value={grade ?? ''} onChange={(e) => setGrade(e.target.value)} sx={{ width: { xs: '100%', sm: 180 } }}>
      {SOURCE_GRADES.map((g) => (
        <MenuItem key={g} value={g}>
          {words.label('sourceGrade', g)}
        </MenuItem>
      ))}
    </TextField>
  );
};

/**
 * 手数料: one block per item, amounts in whole yen either uniform or per holding status. An empty status input means
 * the amount is not known and stays out of the content; a uniform amount must be given. Each block's inputs wrap
 * within it (a table of seven columns ran past its card at 1440 px, hiding the delete button, and hid the amounts
 * to the side on a phone).
 */
export const FeeTableEditor = () => {
  const words = useKindWords();
  const [items, setItems] = useFormValue<FormFeeItem[] | undefined>('content.items');
  const { errors } = useFormState({ name: 'content' });
  if (!Array.isArray(items)) return null;
  return (
    <Box data-testid="fee-table-editor">
      <Stack spacing={1.5}>
        {items.map((item, i) => {
          // Problems of the item no input shows (e.g. no amount for any holding status) are listed under it.
          const rowErrors = collectErrors(errors, `content.items.${i}`).filter(
            (e) => !/\.(label|code|yen|LICENSE_ONLY|MYNA_ONLY|BOTH|notes\.\d+)$/.test(e.path),
          );
          return (
            <Box
              key={`item-${i}`}
              data-testid={`fee-row-${i}`}
              component="section"
              aria-label={words.aside(words.field('items.*'), String(item.label || i + 1))}
              sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: { xs: 1.5, sm: 2 } }}
            >
              <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1.5 }}>
                <Typography variant="subtitle2">{`${words.field('items.*')} ${i + 1}`}</Typography>
                <Tooltip title={words.t('fees.removeItem')}>
                  <span>
                    <IconButton aria-label={words.t('fees.removeItem')} disabled={items.length <= 1} onClick={() => setItems(items.filter((_, j) => j !== i))}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
              </Stack>
              <Stack spacing={2}>
                <Box sx={ROW}>
                  <ContentTextField source={`content.items.${i}.label`} multiline sx={{ width: { xs: '100%', sm: 320 } }} />
                  <ContentTextField
                    source={`content.items.${i}.code`}
                    wrapLong
                    sx={{ width: { xs: '100%', sm: 240 } }}
                    slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
                  />
                  <SourceGradeSelect index={i} />
                </Box>
                <AmountInputs index={i} />
                <StringListEditor source={`content.items.${i}.notes`} label={words.aside(words.field('items.*.notes'), String(item.label || i + 1))} />
                {rowErrors.length > 0 && (
                  <Alert severity="error" data-testid={`row-error-items-${i}`} sx={{ py: 0 }}>
                    {rowErrors.map((e) => (
                      <div key={e.path}>{words.error(e.message)}</div>
                    ))}
                  </Alert>
                )}
              </Stack>
            </Box>
          );
        })}
      </Stack>
      <Button startIcon={<AddIcon />} size="small" sx={{ my: 1 }} onClick={() => setItems([...items, newFeeItem(items)])} data-testid="fee-add-item">
        {words.t('fees.addItem')}
      </Button>
      <StringListEditor source="content.notes" />
    </Box>
  );
};
