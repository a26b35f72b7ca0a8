import { Box, Chip, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { HOLDING_STATUSES, versionTexts as T } from '../i18n/messages-versions';
import { FacilityMatrixTable } from '../common/FacilityMatrixTable';
import type { CarryOverContent, FacilityMatrixContent, FeeTableContent, NoticeContent } from './editors/types';

const yen = (n: number | null | undefined) => (typeof n === 'number' ? `${n.toLocaleString('ja-JP')}円` : T.fees.notKnown);

const Notes = ({ notes, testId }: { notes: string[] | undefined; testId?: string }) =>
  notes && notes.length > 0 ? (
    <Box sx={{ mt: 1 }} data-testid={testId}>
      {notes.map((note, i) => (
        <Typography key={i} variant="body2" color="text.secondary">
          ※ {note}
        </Typography>
      ))}
    </Box>
  ) : null;

/** The facility matrix as the seed page's 〇/‐ table: the same table the review and preview screens draw. */
export const FacilityMatrixView = ({ content }: { content: FacilityMatrixContent }) => (
  <FacilityMatrixTable content={content} data-testid="facility-matrix-view" />
);

/** A fee table: one row per item, uniform amounts across the three holding statuses. */
export const FeeTableView = ({ content }: { content: FeeTableContent }) => (
  <Box data-testid="fee-table-view">
    <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small">
        <TableHead>
          <TableRow sx={{ bgcolor: 'action.hover' }}>
            <TableCell>{T.fees.item}</TableCell>
            {HOLDING_STATUSES.map((h) => (
              <TableCell key={h} align="right">
                {T.holdingStatus[h]}
              </TableCell>
            ))}
            <TableCell>{T.fees.sourceGrade}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {content.items.map((item) => (
            <TableRow key={item.code} data-testid={`fee-view-${item.code}`}>
              <TableCell>
                {item.label}
                <Typography variant="caption" color="text.secondary" component="div" sx={{ fontFamily: 'monospace' }}>
                  {item.code}
                </Typography>
                {item.notes.map((n, i) => (
                  <Typography key={i} variant="caption" color="text.secondary" component="div">
                    ※ {n}
                  </Typography>
                ))}
              </TableCell>
              {item.amount.basis === 'UNIFORM' ? (
                <TableCell colSpan={3} align="center" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {yen(item.amount.yen)}
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                    ({T.fees.uniform})
                  </Typography>
                </TableCell>
              ) : (
                HOLDING_STATUSES.map((h) => {
                  const amount = item.amount.basis === 'BY_HOLDING_STATUS' ? item.amount.byHoldingStatus[h] : undefined;
                  return (
                    <TableCell key={h} align="right" sx={{ fontVariantNumeric: 'tabular-nums', color: amount === undefined ? 'text.disabled' : undefined }}>
                      {yen(amount)}
                    </TableCell>
                  );
                })
              )}
              <TableCell>
                <Chip size="small" variant="outlined" label={T.fees[item.sourceGrade] ?? item.sourceGrade} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
    <Notes notes={content.notes} />
  </Box>
);

const BulletList = ({ title, items, testId }: { title: string; items: string[]; testId: string }) => (
  <Box sx={{ mb: 1.5 }} data-testid={testId}>
    <Typography variant="subtitle2">{title}</Typography>
    {items.length === 0 ? (
      <Typography variant="body2" color="text.secondary">
        {T.list.empty}
      </Typography>
    ) : (
      <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
        {items.map((item, i) => (
          <Typography component="li" variant="body2" key={i}>
            {item}
          </Typography>
        ))}
      </Box>
    )}
  </Box>
);

export const CarryOverView = ({ content }: { content: CarryOverContent }) => (
  <Box data-testid="carry-over-view">
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1.5 }}>
      <Typography variant="subtitle2">{T.carryOver.carriedOver}:</Typography>
      <Chip
        size="small"
        color={content.carriedOver ? 'success' : 'warning'}
        label={content.carriedOver ? T.carryOver.carriedOverYes : T.carryOver.carriedOverNo}
        data-testid="carried-over"
      />
    </Stack>
    <BulletList title={T.carryOver.conditions} items={content.conditions ?? []} testId="view-conditions" />
    <BulletList title={T.carryOver.exclusions} items={content.exclusions ?? []} testId="view-exclusions" />
    <BulletList title={T.carryOver.advice} items={content.advice ?? []} testId="view-advice" />
    <Typography variant="body2" sx={{ mb: 1.5 }}>
      {T.carryOver.reRecordingFeeYen.replace('(円、空欄 = 不明)', '')}: {yen(content.reRecordingFeeYen)}
    </Typography>
    <BulletList title={T.carryOver.notes} items={content.notes ?? []} testId="view-notes" />
  </Box>
);

export const NoticeView = ({ content }: { content: NoticeContent }) => (
  <Box data-testid="notice-view">
    <Typography variant="subtitle1" sx={{ fontWeight: 'bold', mb: 1 }}>
      {content.title}
    </Typography>
    <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', lineHeight: 1.9 }}>
      {content.body}
    </Typography>
    {(content.links ?? []).length > 0 && (
      <Box sx={{ mt: 1 }}>
        {content.links!.map((link, i) => (
          <Typography key={i} variant="body2">
            <a href={link.url} target="_blank" rel="noreferrer">
              {link.label}
            </a>
          </Typography>
        ))}
      </Box>
    )}
  </Box>
);

export const JsonView = ({ content }: { content: unknown }) => (
  <Box
    component="pre"
    data-testid="json-view"
    sx={{ m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, overflow: 'auto', maxHeight: 600, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
  >
    {JSON.stringify(content, null, 2)}
  </Box>
);

/** Content rendered readably per kind; if it does not have the expected shape, as JSON. */
export const ContentView = ({ kind, content }: { kind: string; content: unknown }) => {
  const c = content as Record<string, unknown> | null;
  try {
    if (kind === 'facility-matrix' && Array.isArray(c?.columns) && Array.isArray(c?.rows)) return <FacilityMatrixView content={c as unknown as FacilityMatrixContent} />;
    if (kind === 'fee-table' && Array.isArray(c?.items)) return <FeeTableView content={c as unknown as FeeTableContent} />;
    if (kind === 'card-renewal-carry-over' && typeof c?.carriedOver === 'boolean') return <CarryOverView content={c as unknown as CarryOverContent} />;
    if (kind === 'notice' && typeof c?.title === 'string') return <NoticeView content={c as unknown as NoticeContent} />;
  } catch {
    /* fall through to JSON */
  }
  return <JsonView content={content} />;
};
