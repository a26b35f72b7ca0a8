import type { ReactNode } from 'react';
import { Box, Chip, Link as MuiLink, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { HOLDING_STATUSES, type Locale } from '@policy-cms/kinds';
import { formatYen } from '../kinds/shared/ViewParts';
import { useKindLocale, useKindWords } from '../kinds/shared/useKindWords';
import { usePhone } from '../common/usePhone';
import { FacilityMatrixTable, type FacilityMatrixLike } from '../common/FacilityMatrixTable';

// One renderer per kind: the preview shows reservation rules, the online lecture and the one-stop service with the
// same views as the version page (kinds/<kind>/View.tsx).
export { ReservationView } from '../kinds/reservation-rules/View';
export { OnlineLectureView } from '../kinds/online-lecture/View';
export { OneStopView } from '../kinds/one-stop-service/View';

/* Loose shapes of the content kinds (libs/policy/src/kinds/*.kind.ts); the server validated them. */

interface FeeTableContent {
  items?: {
    code: string;
    label: string;
    amount: { basis: 'UNIFORM'; yen: number } | { basis: 'BY_HOLDING_STATUS'; byHoldingStatus: Partial<Record<string, number>> };
    sourceGrade?: string;
    notes?: string[];
  }[];
  notes?: string[];
}

interface CarryOverContent {
  carriedOver: boolean;
  conditions?: string[];
  exclusions?: string[];
  advice?: string[];
  reRecordingFeeYen?: number | null;
  notes?: string[];
}

interface NoticeContent {
  title?: string;
  body?: string;
  links?: { label: string; url: string }[];
}

/** An amount in the chosen language (formatYen); — when none is given. */
const yen = (amount: number | null | undefined, locale: Locale) => formatYen(amount, '—', locale);

const Bullets = ({ items, testId }: { items?: readonly ReactNode[]; testId?: string }) =>
  items && items.length > 0 ? (
    <Box component="ul" sx={{ my: 0.5, pl: 2.5 }} data-testid={testId}>
      {items.map((item, i) => (
        <Typography component="li" variant="body2" key={i} sx={{ mb: 0.25 }}>
          {item}
        </Typography>
      ))}
    </Box>
  ) : null;

const Heading = ({ children }: { children: ReactNode }) => (
  <Typography variant="subtitle2" sx={{ mt: 1.5 }}>
    {children}
  </Typography>
);

export const FacilitiesView = ({ content }: { content: unknown }) => (
  <FacilityMatrixTable content={content as FacilityMatrixLike} data-testid="preview-matrix" />
);

const HOLDING_COLUMNS = HOLDING_STATUSES;

/** Several fee tables in one table: per table a heading row (its title and badges), then its items. */
export const FeesView = ({ tables }: { tables: { key: string; title: string; badges: ReactNode; content: unknown }[] }) => {
  const translate = useTranslate();
  const words = useKindWords();
  const { locale } = words;
  const phone = usePhone();
  return (
    <Table size="small" data-testid="preview-fees">
      <TableHead sx={phone ? { display: 'none' } : undefined}>
        <TableRow>
          <TableCell>{words.field('items.*.label')}</TableCell>
          {HOLDING_COLUMNS.map((status) => (
            <TableCell key={status} align="right">
              {words.label('holdingStatus', status)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {tables.map((table) => {
          const c = table.content as FeeTableContent;
          return [
            <TableRow key={`${table.key}-title`} sx={{ bgcolor: 'action.hover' }} data-testid={`preview-fee-table-${table.key}`}>
              <TableCell colSpan={4}>
                {/* The badges go under a long title rather than squeezing it a few characters a line (a phone). */}
                <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography variant="subtitle2">{table.title}</Typography>
                  {table.badges}
                </Stack>
                {(c.notes ?? []).length > 0 && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    {c.notes!.join(' ')}
                  </Typography>
                )}
              </TableCell>
            </TableRow>,
            ...(c.items ?? []).map((item) => {
              const name = (
                <>
                  {item.label}
                  {item.sourceGrade === 'SECONDARY' && (
                    <Chip size="small" variant="outlined" label={translate('review.preview.secondary')} sx={{ ml: 1 }} />
                  )}
                  {(item.notes ?? []).length > 0 && (
                    <Typography variant="caption" color="text.secondary" component="div">
                      {item.notes!.join(' ')}
                    </Typography>
                  )}
                </>
              );
              const byStatus = item.amount.basis === 'UNIFORM' ? null : (item.amount as { byHoldingStatus: Partial<Record<string, number>> }).byHoldingStatus;
              if (phone) {
                // On a phone the item's name takes the width, and its amounts follow one a line, each named by its
                // holding status (four columns wrapped the names and the statuses a few characters a line).
                return (
                  <TableRow key={`${table.key}-${item.code}`} data-testid={`preview-fee-${table.key}-${item.code}`}>
                    <TableCell colSpan={4}>
                      {name}
                      <Box sx={{ mt: 0.5 }}>
                        {byStatus === null ? (
                          <Box data-holding="ALL" sx={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                            {yen((item.amount as { yen: number }).yen, locale)}
                          </Box>
                        ) : (
                          HOLDING_COLUMNS.map((status) => (
                            <Stack key={status} direction="row" sx={{ justifyContent: 'space-between', columnGap: 2 }}>
                              <Typography variant="body2" color="text.secondary">
                                {words.label('holdingStatus', status)}
                              </Typography>
                              <Box data-holding={status} sx={{ whiteSpace: 'nowrap' }}>
                                {yen(byStatus[status], locale)}
                              </Box>
                            </Stack>
                          ))
                        )}
                      </Box>
                    </TableCell>
                  </TableRow>
                );
              }
              return (
                <TableRow key={`${table.key}-${item.code}`} data-testid={`preview-fee-${table.key}-${item.code}`}>
                  <TableCell>{name}</TableCell>
                  {byStatus === null ? (
                    <TableCell colSpan={3} align="center" data-holding="ALL" sx={{ whiteSpace: 'nowrap' }}>
                      {yen((item.amount as { yen: number }).yen, locale)}
                    </TableCell>
                  ) : (
                    HOLDING_COLUMNS.map((status) => (
                      <TableCell key={status} align="right" data-holding={status} sx={{ whiteSpace: 'nowrap' }}>
                        {yen(byStatus[status], locale)}
                      </TableCell>
                    ))
                  )}
                </TableRow>
              );
            }),
          ];
        })}
      </TableBody>
    </Table>
  );
};

export const CarryOverView = ({ content }: { content: unknown }) => {
  const translate = useTranslate();
  const locale = useKindLocale();
  const c = content as CarryOverContent;
  return (
    <Box data-testid="preview-carry-over" data-carried-over={String(c.carriedOver)}>
      <Chip
        color={c.carriedOver ? 'success' : 'error'}
        label={c.carriedOver ? translate('review.preview.carried') : translate('review.preview.notCarried')}
        sx={{ fontSize: 16, fontWeight: 'bold', px: 1, mb: 1 }}
        data-testid="preview-carry-over-answer"
      />
      <Bullets items={c.notes} />
      {(c.conditions ?? []).length > 0 && (
        <>
          <Heading>{translate('review.preview.conditions')}</Heading>
          <Bullets items={c.conditions} testId="preview-carry-over-conditions" />
        </>
      )}
      {(c.exclusions ?? []).length > 0 && (
        <>
          <Heading>{translate('review.preview.exclusions')}</Heading>
          <Bullets items={c.exclusions} />
        </>
      )}
      {(c.advice ?? []).length > 0 && (
        <>
          <Heading>{translate('review.preview.advice')}</Heading>
          <Bullets items={c.advice} />
        </>
      )}
      {c.reRecordingFeeYen != null && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('review.preview.reRecordingFee')}: {yen(c.reRecordingFeeYen, locale)}
        </Typography>
      )}
    </Box>
  );
};

export const NoticeView = ({ content }: { content: unknown }) => {
  const c = content as NoticeContent;
  return (
    <Box>
      {(c.body ?? '').split('\n').map((line, i) => (
        <Typography variant="body2" key={i} sx={{ mb: 0.5 }}>
          {line}
        </Typography>
      ))}
      {(c.links ?? []).length > 0 && (
        <Stack direction="row" spacing={2} sx={{ mt: 1 }}>
          {(c.links ?? []).map((link) => (
            <MuiLink key={link.url} href={link.url} target="_blank" rel="noopener noreferrer" variant="body2">
              {link.label}
            </MuiLink>
          ))}
        </Stack>
      )}
    </Box>
  );
};

export const RawView = ({ content }: { content: unknown }) => (
  <Box component="pre" sx={{ m: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
    {JSON.stringify(content, null, 2)}
  </Box>
);
