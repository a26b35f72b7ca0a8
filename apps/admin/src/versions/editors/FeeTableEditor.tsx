import {
  Alert,
  Box,
  Button,
  IconButton,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useFormState, useWatch } from 'react-hook-form';
import { HOLDING_STATUSES, versionTexts as T } from '../../i18n/messages-versions';
import { collectErrors, useFormValue } from './formHelpers';
import { ContentTextField } from './ContentTextField';
import { StringListEditor } from './StringListEditor';
import type { FeeAmount, FeeItem, FeeTableContent } from './types';

type Holding = (typeof HOLDING_STATUSES)[number];

/** Amount cells of one item: one yen input when uniform, one per holding status otherwise (empty = 未掲載). */
const AmountCells = ({ index }: { index: number }) => {
  const path = `content.items.${index}.amount`;
  const [amount, setAmount] = useFormValue<FeeAmount | undefined>(path);
  if (!amount) return <TableCell colSpan={4} />;
  const switchBasis = (basis: FeeAmount['basis']) => {
    if (basis === amount.basis) return;
    if (basis === 'UNIFORM') {
      const known = amount.basis === 'BY_HOLDING_STATUS' ? HOLDING_STATUSES.map((h) => amount.byHoldingStatus[h]).find((y) => y !== undefined) : 0;
      setAmount({ basis: 'UNIFORM', yen: known ?? 0 });
    } else {
      setAmount({ basis: 'BY_HOLDING_STATUS', byHoldingStatus: { LICENSE_ONLY: amount.basis === 'UNIFORM' ? amount.yen : 0 } });
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
          onChange={(e) => switchBasis(e.target.value as FeeAmount['basis'])}
          slotProps={{ htmlInput: { 'data-testid': `fee-basis-${index}` } }}
        >
          <MenuItem value="UNIFORM">{T.fees.uniform}</MenuItem>
          <MenuItem value="BY_HOLDING_STATUS">{T.fees.byHoldingStatus}</MenuItem>
        </TextField>
      </TableCell>
      {amount.basis === 'UNIFORM' ? (
        <TableCell colSpan={3} align="center">
          <ContentTextField source={`${path}.yen`} kind="yen" label={T.fees.yen} sx={{ width: 160 }} slotProps={{ input: { endAdornment: '円' } }} />
        </TableCell>
      ) : (
        HOLDING_STATUSES.map((h: Holding) => (
          <TableCell key={h} align="center">
            <ContentTextField
              source={`${path}.byHoldingStatus.${h}`}
              kind="yen"
              dropWhenEmpty
              placeholder={T.fees.notKnown}
              sx={{ width: 130 }}
              slotProps={{ input: { endAdornment: '円' } }}
            />
          </TableCell>
        ))
      )}
    </>
  );
};

const newItem = (n: number): FeeItem => ({
  code: `item-${n}`,
  label: T.fees.newItemLabel,
  amount: { basis: 'UNIFORM', yen: 0 },
  sourceGrade: 'OFFICIAL',
  notes: [],
});

/**
 * A fee table: one row per item, amounts in whole yen either uniform or per holding status
 * (運転免許証のみ / マイナ免許証のみ / 2枚持ち). An empty status cell means the amount is not known and stays out.
 */
export const FeeTableEditor = () => {
  const content = useWatch({ name: 'content' }) as FeeTableContent | undefined;
  const [items, setItems] = useFormValue<FeeItem[] | undefined>('content.items');
  const { errors } = useFormState({ name: 'content' });
  if (!content || !Array.isArray(items)) return null;
  return (
    <Box data-testid="fee-table-editor">
      <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small">
          <TableHead>
            <TableRow sx={{ bgcolor: 'action.hover' }}>
              <TableCell sx={{ minWidth: 260 }}>{T.fees.item}</TableCell>
              <TableCell>{T.fees.basis}</TableCell>
              {HOLDING_STATUSES.map((h) => (
                <TableCell key={h} align="center">
                  {T.holdingStatus[h]}
                </TableCell>
              ))}
              <TableCell>{T.fees.sourceGrade}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((item, i) => {
              const rowErrors = collectErrors(errors, `content.items.${i}`);
              return [
                <TableRow key={`item-${i}`} data-testid={`fee-row-${item.code}`}>
                  <TableCell>
                    <Stack spacing={1}>
                      <ContentTextField source={`content.items.${i}.label`} label={T.fees.item} fullWidth multiline />
                      <ContentTextField source={`content.items.${i}.code`} label={T.fees.code} sx={{ width: 220 }} slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }} />
                    </Stack>
                  </TableCell>
                  <AmountCells index={i} />
                  <TableCell>
                    <SourceGradeSelect index={i} />
                  </TableCell>
                  <TableCell>
                    <Tooltip title={T.fees.removeItem}>
                      <span>
                        <IconButton aria-label={T.fees.removeItem} disabled={items.length <= 1} onClick={() => setItems(items.filter((_, j) => j !== i))}>
                          <DeleteIcon fontSize="small" />
                        </IconButton>
                      </span>
                    </Tooltip>
                  </TableCell>
                </TableRow>,
                <TableRow key={`item-${i}-notes`}>
                  <TableCell colSpan={7} sx={{ pt: 0 }}>
                    <StringListEditor source={`content.items.${i}.notes`} label={`${T.fees.notes}(${item.label})`} />
                    {rowErrors.length > 0 && (
                      <Alert severity="error" data-testid={`row-error-items-${i}`} sx={{ py: 0 }}>
                        {rowErrors.map((e) => (
                          <div key={e.path}>
                            {e.message}({e.path})
                          </div>
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
      <Button startIcon={<AddIcon />} size="small" sx={{ my: 1 }} onClick={() => setItems([...items, newItem(items.length + 1)])}>
        {T.fees.addItem}
      </Button>
      <StringListEditor source="content.notes" label={T.fees.notes} />
    </Box>
  );
};

const SourceGradeSelect = ({ index }: { index: number }) => {
  const path = `content.items.${index}.sourceGrade`;
  const [grade, setGrade] = useFormValue<string>(path);
  return (
    <TextField select size="small" name={path} value={grade ?? ''} onChange={(e) => setGrade(e.target.value)}>
      <MenuItem value="OFFICIAL">{T.fees.OFFICIAL}</MenuItem>
      <MenuItem value="SECONDARY">{T.fees.SECONDARY}</MenuItem>
    </TextField>
  );
};

