import { Alert, Box, Button, IconButton, MenuItem, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Tooltip } from '@mui/material';
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

/** Amount cells of one item: one yen input when uniform, one per holding status otherwise (empty = 未掲載). */
const AmountCells = ({ index }: { index: number }) => {
  const words = useKindWords();
  const path = `content.items.${index}.amount`;
  const [amount, setAmount] = useFormValue<FormAmount | undefined>(path);
  if (!amount) return <TableCell colSpan={4} />;
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
    <>
      <TableCell>
        <TextField
          select
          size="small"
          value={amount.basis}
          name={`${path}.basis`}
          label={words.field(`${path}.basis`)}
          onChange={(e) => switchBasis(e.target.value as AmountBasis)}
          slotProps={{ htmlInput: { 'data-testid': `fee-basis-${index}` } }}
        >
          {AMOUNT_BASES.map((basis) => (
            <MenuItem key={basis} value={basis}>
              {words.label('amountBasis', basis)}
            </MenuItem>
          ))}
        </TextField>
      </TableCell>
      {amount.basis === 'UNIFORM' ? (
        <TableCell colSpan={3} align="center">
          <WholeNumberField
            key={`${path}.yen`}
            source={`${path}.yen`}
            required
            unit={words.t('units.yen')}
            helperText={words.t('fees.uniformAcross')}
            sx={{ width: '100%', maxWidth: 360 }}
          />
        </TableCell>
      ) : (
        HOLDING_STATUSES.map((h) => (
          <TableCell key={h} align="center">
            <WholeNumberField
              source={`${path}.byHoldingStatus.${h}`}
              dropWhenEmpty
              unit={words.t('units.yen')}
              placeholder={words.t('fees.notKnown')}
              sx={{ width: 150 }}
              slotProps={{ htmlInput: { 'aria-label': words.field(`${path}.byHoldingStatus.${h}`) } }}
              label=""
            />
          </TableCell>
        ))
      )}
    </>
  );
};

const SourceGradeSelect = ({ index }: { index: number }) => {
  const words = useKindWords();
  const path = `content.items.${index}.sourceGrade`;
  const [grade, setGrade] = useFormValue<string>(path);
  return (
    <TextField select size="small" name={path} label={words.field(path)} value={grade ?? ''} onChange={(e) => setGrade(e.target.value)} sx={{ minWidth: 140 }}>
      {SOURCE_GRADES.map((g) => (
        <MenuItem key={g} value={g}>
          {words.label('sourceGrade', g)}
        </MenuItem>
      ))}
    </TextField>
  );
};

/**
 * 手数料: one row per item, amounts in whole yen either uniform or per holding status. An empty status cell means the
 * amount is not known and stays out of the content; a uniform amount must be given.
 */
export const FeeTableEditor = () => {
  const words = useKindWords();
  const [items, setItems] = useFormValue<FormFeeItem[] | undefined>('content.items');
  const { errors } = useFormState({ name: 'content' });
  if (!Array.isArray(items)) return null;
  return (
    <Box data-testid="fee-table-editor">
      <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small">
          <TableHead>
            <TableRow sx={{ bgcolor: 'action.hover' }}>
              <TableCell sx={{ minWidth: 260 }}>{words.field('items.*')}</TableCell>
              <TableCell>{words.field('items.*.amount.basis')}</TableCell>
              {HOLDING_STATUSES.map((h) => (
                <TableCell key={h} align="center">
                  {words.label('holdingStatus', h)}
                </TableCell>
              ))}
              <TableCell>{words.field('items.*.sourceGrade')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((item, i) => {
              // Problems of the item no input shows (e.g. no amount for any holding status) are listed under it.
              const rowErrors = collectErrors(errors, `content.items.${i}`).filter(
                (e) => !/\.(label|code|yen|LICENSE_ONLY|MYNA_ONLY|BOTH|notes\.\d+)$/.test(e.path),
              );
              return [
                <TableRow key={`item-${i}`} data-testid={`fee-row-${i}`}>
                  <TableCell>
                    <Stack spacing={1}>
                      <ContentTextField source={`content.items.${i}.label`} fullWidth multiline />
                      <ContentTextField
                        source={`content.items.${i}.code`}
                        wrapLong
                        fullWidth
                        sx={{ minWidth: 220 }}
                        slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
                      />
                    </Stack>
                  </TableCell>
                  <AmountCells index={i} />
                  <TableCell>
                    <SourceGradeSelect index={i} />
                  </TableCell>
                  <TableCell>
                    <Tooltip title={words.t('fees.removeItem')}>
                      <span>
                        <IconButton aria-label={words.t('fees.removeItem')} disabled={items.length <= 1} onClick={() => setItems(items.filter((_, j) => j !== i))}>
                          <DeleteIcon fontSize="small" />
                        </IconButton>
                      </span>
                    </Tooltip>
                  </TableCell>
                </TableRow>,
                <TableRow key={`item-${i}-notes`}>
                  <TableCell colSpan={7} sx={{ pt: 0 }}>
                    <StringListEditor source={`content.items.${i}.notes`} label={words.aside(words.field('items.*.notes'), String(item.label || i + 1))} />
                    {rowErrors.length > 0 && (
                      <Alert severity="error" data-testid={`row-error-items-${i}`} sx={{ py: 0 }}>
                        {rowErrors.map((e) => (
                          <div key={e.path}>{words.error(e.message)}</div>
                        ))}
                      </Alert>
                    )}
                  </TableCell>
                </TableRow>,
              ];
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <Button startIcon={<AddIcon />} size="small" sx={{ my: 1 }} onClick={() => setItems([...items, newFeeItem(items)])} data-testid="fee-add-item">
        {words.t('fees.addItem')}
      </Button>
      <StringListEditor source="content.notes" />
    </Box>
  );
};
