import { Box, Chip, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { HOLDING_STATUSES, type FeeTableContent } from '@policy-cms/kinds';
import { Section, formatYen } from '../shared/ViewParts';
import { useKindWords } from '../shared/useKindWords';
import { usePhone } from '../../common/usePhone';

/** A fee table: one row per item, a uniform amount across the three holding statuses or one per status. */
export const FeeTableView = ({ content }: { content: unknown }) => {
  const words = useKindWords();
  const c = content as FeeTableContent;
  const unknown = words.t('fees.notKnown');
  if (usePhone()) return <PhoneFeeTableView content={c} />;
  return (
    <Box data-testid="fee-table-view">
      <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
        {/* Between a phone and a desk the table keeps readable columns and scrolls in its box. */}
        <Table size="small" sx={{ minWidth: 600 }}>
          <TableHead>
            <TableRow sx={{ bgcolor: 'action.hover' }}>
              <TableCell>{words.field('items.*.label')}</TableCell>
              {HOLDING_STATUSES.map((h) => (
                <TableCell key={h} align="right">
                  {words.label('holdingStatus', h)}
                </TableCell>
              ))}
              <TableCell>{words.field('items.*.sourceGrade')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(c.items ?? []).map((item) => (
              <TableRow key={item.code} data-testid={`fee-view-${item.code}`}>
                <TableCell>
                  {item.label}
                  {item.notes.map((n, i) => (
                    <Typography key={i} variant="caption" color="text.secondary" component="div">
                      ※ {n}
                    </Typography>
                  ))}
                </TableCell>
                {item.amount.basis === 'UNIFORM' ? (
                  // One amount for all three columns: drawn as a band across them, so that it does not read as the
                  // middle column's amount with the other two empty.
                  <TableCell colSpan={3} align="center" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    <Box data-testid="fee-uniform-band" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'action.hover', px: 1, py: 0.25 }}>
                      {formatYen(item.amount.yen, unknown, words.locale)}
                      <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                        ({words.t('fees.uniformAcross')})
                      </Typography>
                    </Box>
                  </TableCell>
                ) : (
                  HOLDING_STATUSES.map((h) => {
                    const amount = item.amount.basis === 'BY_HOLDING_STATUS' ? item.amount.byHoldingStatus[h] : undefined;
                    return (
                      <TableCell key={h} align="right" sx={{ fontVariantNumeric: 'tabular-nums', color: amount === undefined ? 'text.secondary' : undefined }}>
                        {formatYen(amount, unknown, words.locale)}
                      </TableCell>
                    );
                  })
                )}
                <TableCell>
                  <Chip size="small" variant="outlined" label={words.label('sourceGrade', item.sourceGrade)} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Section title={words.field('notes')} items={c.notes} />
    </Box>
  );
};

/**
 * The same on a phone, one block per item: its name and notes take the width, its amounts follow one a line, each
 * named by its holding status (the five columns scrolled sideways in their box, with the amounts off the screen).
 */
const PhoneFeeTableView = ({ content: c }: { content: FeeTableContent }) => {
  const words = useKindWords();
  const unknown = words.t('fees.notKnown');
  return (
    <Box data-testid="fee-table-view">
      <Stack spacing={1}>
        {(c.items ?? []).map((item) => (
          <Box key={item.code} data-testid={`fee-view-${item.code}`} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}>
            <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between', alignItems: 'flex-start' }}>
              <Typography variant="body2" sx={{ fontWeight: 500 }}>
                {item.label}
              </Typography>
              <Chip size="small" variant="outlined" label={words.label('sourceGrade', item.sourceGrade)} />
            </Stack>
            {item.notes.map((n, i) => (
              <Typography key={i} variant="caption" color="text.secondary" component="div">
                ※ {n}
              </Typography>
            ))}
            <Box sx={{ mt: 0.5, fontVariantNumeric: 'tabular-nums' }}>
              {item.amount.basis === 'UNIFORM' ? (
                <Stack direction="row" sx={{ justifyContent: 'space-between', columnGap: 2 }} data-testid="fee-uniform-band">
                  <Typography variant="body2" color="text.secondary">
                    {words.t('fees.uniformAcross')}
                  </Typography>
                  <span style={{ whiteSpace: 'nowrap' }}>{formatYen(item.amount.yen, unknown, words.locale)}</span>
                </Stack>
              ) : (
                HOLDING_STATUSES.map((h) => {
                  const amount = item.amount.basis === 'BY_HOLDING_STATUS' ? item.amount.byHoldingStatus[h] : undefined;
                  return (
                    <Stack key={h} direction="row" sx={{ justifyContent: 'space-between', columnGap: 2 }}>
                      <Typography variant="body2" color="text.secondary">
                        {words.label('holdingStatus', h)}
                      </Typography>
                      <Typography variant="body2" sx={{ whiteSpace: 'nowrap', color: amount === undefined ? 'text.secondary' : undefined }}>
                        {formatYen(amount, unknown, words.locale)}
                      </Typography>
                    </Stack>
                  );
                })
              )}
            </Box>
          </Box>
        ))}
      </Stack>
      <Section title={words.field('notes')} items={c.notes} />
    </Box>
  );
};
