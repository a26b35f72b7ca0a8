import type { ReactNode } from 'react';
import { Box, Chip, Link as MuiLink, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { FacilityMatrixTable, type FacilityMatrixLike } from '../common/FacilityMatrixTable';
import {
  DRIVER_CLASS_LABELS,
  FACILITY_TYPE_LABELS,
  HOLDING_STATUS_LABELS,
  RESERVATION_CHANNEL_LABELS,
} from '../i18n/messages-review';

/* Loose shapes of the content kinds (libs/policy/src/kinds/*.kind.ts); the server validated them. */

interface ReservationContent {
  scope?: string;
  ageWaiver?: { fromAge: number; description: string } | null;
  rules?: {
    procedure: string;
    label: string;
    reservationRequired: boolean;
    channels: string[];
    facilityRules?: { facilityType: string; reservationRequired: boolean; channels: string[]; notes?: string[] }[];
    notes?: string[];
  }[];
  notes?: string[];
}

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

interface OnlineLectureContent {
  eligibleDriverClasses?: string[];
  eligibleHoldingStatuses?: string[];
  requirements?: string[];
  birthdayRule?: { renewalBirthdayOnOrAfter: string; description: string } | null;
  durations?: { driverClass: string; minutes: number }[];
  feeYen?: number | null;
  exclusions?: string[];
  notes?: string[];
}

interface OneStopContent {
  eligibleHoldingStatuses?: string[];
  requiredSteps?: string[];
  preparation?: string[];
  coveredChanges?: { particular: string; label: string; notes?: string[] }[];
  exclusions?: string[];
  notes?: string[];
}

interface NoticeContent {
  title?: string;
  body?: string;
  links?: { label: string; url: string }[];
}

export const yen = (amount: number | null | undefined) => (amount === null || amount === undefined ? '—' : `${amount.toLocaleString('ja-JP')}円`);

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

const channelsText = (channels: readonly string[]) => channels.map((c) => RESERVATION_CHANNEL_LABELS[c] ?? c).join('・');

export const ReservationView = ({ content }: { content: unknown }) => {
  const translate = useTranslate();
  const c = content as ReservationContent;
  return (
    <Box data-testid="preview-reservation">
      {c.scope && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {c.scope}
        </Typography>
      )}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>手続</TableCell>
            <TableCell>予約</TableCell>
            <TableCell>備考</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(c.rules ?? []).map((rule) => (
            <TableRow key={rule.procedure} data-procedure={rule.procedure} sx={{ '& td': { verticalAlign: 'top' } }}>
              <TableCell sx={{ width: '38%' }}>{rule.label}</TableCell>
              <TableCell>
                {rule.reservationRequired ? (
                  <>
                    <Chip size="small" color="warning" label={translate('review.preview.reservationRequired')} sx={{ mr: 1 }} />
                    {channelsText(rule.channels)}
                  </>
                ) : (
                  <Chip size="small" color="success" label={translate('review.preview.noReservation')} />
                )}
                {(rule.facilityRules ?? []).map((f) => (
                  <Typography variant="body2" key={f.facilityType} sx={{ mt: 0.5 }}>
                    {FACILITY_TYPE_LABELS[f.facilityType] ?? f.facilityType}:{' '}
                    {f.reservationRequired ? `${translate('review.preview.reservationRequired')}(${channelsText(f.channels)})` : translate('review.preview.noReservation')}
                  </Typography>
                ))}
              </TableCell>
              <TableCell>
                <Bullets items={[...(rule.notes ?? []), ...(rule.facilityRules ?? []).flatMap((f) => f.notes ?? [])]} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {c.ageWaiver && (
        <>
          <Heading>{translate('review.preview.ageWaiver')}</Heading>
          <Typography variant="body2">{c.ageWaiver.description}</Typography>
        </>
      )}
      <Bullets items={c.notes} />
    </Box>
  );
};

const HOLDING_COLUMNS = ['LICENSE_ONLY', 'MYNA_ONLY', 'BOTH'] as const;

/** Several fee tables in one table: per table a heading row (its title and badges), then its items. */
export const FeesView = ({ tables }: { tables: { key: string; title: string; badges: ReactNode; content: unknown }[] }) => {
  const translate = useTranslate();
  return (
    <Table size="small" data-testid="preview-fees">
      <TableHead>
        <TableRow>
          <TableCell>項目</TableCell>
          {HOLDING_COLUMNS.map((status) => (
            <TableCell key={status} align="right">
              {HOLDING_STATUS_LABELS[status]}
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
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
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
            ...(c.items ?? []).map((item) => (
              <TableRow key={`${table.key}-${item.code}`} data-testid={`preview-fee-${table.key}-${item.code}`}>
                <TableCell>
                  {item.label}
                  {item.sourceGrade === 'SECONDARY' && (
                    <Chip size="small" variant="outlined" label={translate('review.preview.secondary')} sx={{ ml: 1 }} />
                  )}
                  {(item.notes ?? []).length > 0 && (
                    <Typography variant="caption" color="text.secondary" component="div">
                      {item.notes!.join(' ')}
                    </Typography>
                  )}
                </TableCell>
                {item.amount.basis === 'UNIFORM' ? (
                  <TableCell colSpan={3} align="center" data-holding="ALL">
                    {yen(item.amount.yen)}
                  </TableCell>
                ) : (
                  HOLDING_COLUMNS.map((status) => (
                    <TableCell key={status} align="right" data-holding={status}>
                      {yen((item.amount as { byHoldingStatus: Partial<Record<string, number>> }).byHoldingStatus[status])}
                    </TableCell>
                  ))
                )}
              </TableRow>
            )),
          ];
        })}
      </TableBody>
    </Table>
  );
};

export const CarryOverView = ({ content }: { content: unknown }) => {
  const translate = useTranslate();
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
          {translate('review.preview.reRecordingFee')}: {yen(c.reRecordingFeeYen)}
        </Typography>
      )}
    </Box>
  );
};

export const OnlineLectureView = ({ content }: { content: unknown }) => {
  const c = content as OnlineLectureContent;
  return (
    <Box data-testid="preview-online-lecture">
      <Typography variant="body2">
        対象: {(c.eligibleDriverClasses ?? []).map((d) => DRIVER_CLASS_LABELS[d] ?? d).join('・')}(
        {(c.eligibleHoldingStatuses ?? []).map((h) => HOLDING_STATUS_LABELS[h] ?? h).join('・')})
      </Typography>
      <Bullets items={[...(c.requirements ?? []), ...(c.birthdayRule ? [c.birthdayRule.description] : [])]} />
      {(c.durations ?? []).length > 0 && (
        <Typography variant="body2">
          講習時間: {(c.durations ?? []).map((d) => `${DRIVER_CLASS_LABELS[d.driverClass] ?? d.driverClass} ${d.minutes}分`).join('、')}
        </Typography>
      )}
      {c.feeYen != null && <Typography variant="body2">手数料: {yen(c.feeYen)}</Typography>}
      {(c.exclusions ?? []).length > 0 && (
        <>
          <Heading>対象外</Heading>
          <Bullets items={c.exclusions} />
        </>
      )}
      <Bullets items={c.notes} />
    </Box>
  );
};

export const OneStopView = ({ content }: { content: unknown }) => {
  const c = content as OneStopContent;
  return (
    <Box data-testid="preview-one-stop">
      <Typography variant="body2">対象: {(c.eligibleHoldingStatuses ?? []).map((h) => HOLDING_STATUS_LABELS[h] ?? h).join('・')}</Typography>
      <Typography variant="body2">届出が不要になる変更: {(c.coveredChanges ?? []).map((x) => x.label).join('・')}</Typography>
      <Heading>必要な手続</Heading>
      <Bullets items={c.requiredSteps} />
      <Bullets items={[...(c.preparation ?? []), ...(c.coveredChanges ?? []).flatMap((x) => x.notes ?? [])]} />
      {(c.exclusions ?? []).length > 0 && (
        <>
          <Heading>対象外・利用できない場合</Heading>
          <Bullets items={c.exclusions} />
        </>
      )}
      <Bullets items={c.notes} />
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
