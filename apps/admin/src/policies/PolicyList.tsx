import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  Box,
  Button as MuiButton,
  Card,
  CardActionArea,
  CardActions,
  CardContent,
  LinearProgress,
  Stack,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import ListIcon from '@mui/icons-material/FormatListNumbered';
import AddIcon from '@mui/icons-material/Add';
import { Link } from 'react-router-dom';
import { DataTable, List, RecordContextProvider, SearchInput, useListContext, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { kindTitle } from '@policy-cms/kinds';
import { may } from '../authProvider';
import { todayInTokyo } from '@policy-cms/temporal';
import { useEraOf } from '../common/dates';
import { usePolicyTexts, useVersionTexts } from '../i18n/useTexts';
import { fetchPolicyDates, type PolicyDates, type TimelineSegment, type VersionFlags } from './policyData';
import { SegmentBadges } from './SegmentBadges';
import { OpenableRowsBody } from '../common/OpenableRows';
import { AppPagination } from '../common/Pagination';

/** The versions list filtered by one policy. */
export function versionsOfPolicyPath(policyKey: string): { pathname: string; search: string } {
  return {
    pathname: '/versions',
    search: `?filter=${encodeURIComponent(JSON.stringify({ policyKey }))}&order=DESC&sort=effectiveFrom`,
  };
}

/** versions/create with the policy preset (react-admin reads `source` as the form's default values). */
export function createVersionPath(policyKey: string): { pathname: string; search: string } {
  return { pathname: '/versions/create', search: `?source=${encodeURIComponent(JSON.stringify({ policyKey }))}` };
}

/** 「版の一覧」 and, for editors, 「新しい版を作成」 for one policy: on the list's rows and on the policy page. */
export const PolicyVersionLinks = ({ policyKey, testIdPrefix }: { policyKey: string; testIdPrefix: string }) => {
  const T = useVersionTexts();
  return (
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()}>
      <MuiButton
        component={Link}
        to={versionsOfPolicyPath(policyKey)}
        size="small"
        startIcon={<ListIcon />}
        sx={{ whiteSpace: 'nowrap' }}
        data-testid={`${testIdPrefix}-versions`}
      >
        {T.policies.versions}
      </MuiButton>
      {may('edit') && (
        <MuiButton
          component={Link}
          to={createVersionPath(policyKey)}
          size="small"
          variant="outlined"
          startIcon={<AddIcon />}
          sx={{ whiteSpace: 'nowrap' }}
          data-testid={`${testIdPrefix}-create-version`}
        >
          {T.policies.createVersion}
        </MuiButton>
      )}
    </Stack>
  );
};

const PolicyActions = () => {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack direction="row" sx={{ justifyContent: 'flex-end' }}>
      <PolicyVersionLinks policyKey={String(record.key)} testIdPrefix={`policy-${String(record.key)}`} />
    </Stack>
  );
};

/** The kind in words (「手数料表」), never its code. */
const KindLabel = () => {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  return record ? (
    <Typography variant="body2" sx={{ minWidth: '6em' }} data-kind={String(record.kind)}>
      {kindTitle(String(record.kind), locale === 'en' ? 'en' : 'ja')}
    </Typography>
  ) : null;
};

/** The title leads the row; the key follows small, for those who search by it. */
const PolicyTitleCell = () => {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack spacing={0.25} sx={{ minWidth: 200 }}>
      <Typography variant="body2" sx={{ fontWeight: 500 }} data-testid={`policy-title-${String(record.key)}`}>
        {String(record.title)}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
        {String(record.key)}
      </Typography>
    </Stack>
  );
};

const useFilters = () => {
  const T = useVersionTexts();
  return [<SearchInput key="q" source="q" alwaysOn placeholder={T.policies.searchPlaceholder} />];
};

/** The list's two date columns, read once for the whole list (not per row); undefined while loading, null on error. */
const PolicyDatesContext = createContext<PolicyDates | null | undefined>(undefined);

const PolicyDatesProvider = ({ children }: { children: ReactNode }) => {
  const [dates, setDates] = useState<PolicyDates | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    fetchPolicyDates(todayInTokyo()).then(
      (d) => live && setDates(d),
      () => live && setDates(null),
    );
    return () => {
      live = false;
    };
  }, []);
  return <PolicyDatesContext.Provider value={dates}>{children}</PolicyDatesContext.Provider>;
};

/** '2025-03-24〜無期限' with its 和暦 below in small grey text, kept to two short lines for the table. */
const CompactRange = ({ from, through, single = false }: { from: string; through?: string | null; single?: boolean }) => {
  const T = useVersionTexts();
  const eraOf = useEraOf();
  const era = single ? eraOf(from) : eraOf(from) && `${eraOf(from)}〜${through ? (eraOf(through) ?? '') : ''}`;
  return (
    <Stack spacing={0} data-testid="effective-range">
      <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {single ? from : `${from}〜${through ?? T.dates.openEnded}`}
      </Typography>
      {era && (
        <Typography component="span" variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap', lineHeight: 1.3 }}>
          {era}
        </Typography>
      )}
    </Stack>
  );
};

const Pending = ({ failed }: { failed: boolean }) => {
  const PT = usePolicyTexts();
  return (
    <Typography component="span" variant="body2" color="text.secondary">
      {failed ? PT.list.loadError : '…'}
    </Typography>
  );
};

const VersionNumber = ({ segment, flags }: { segment: TimelineSegment; flags?: VersionFlags }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
      <Typography component="span" variant="body2" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
        {translate('versions.numberLabel', { number: String(segment.number) })}
      </Typography>
      <SegmentBadges segment={segment} flags={flags} compact />
    </Stack>
  );
};

/** 現在の版: the version in force today (Tokyo) and the range of its segment. */
const CurrentVersion = () => {
  const PT = usePolicyTexts();
  const record = useRecordContext();
  const dates = useContext(PolicyDatesContext);
  if (!record) return null;
  if (!dates) return <Pending failed={dates === null} />;
  const segment = dates.inForce.get(String(record.key));
  if (!segment) {
    return (
      <Typography component="span" variant="body2" color="text.secondary" data-testid={`policy-current-${String(record.key)}`} data-number="">
        {PT.list.none}
      </Typography>
    );
  }
  return (
    <Stack spacing={0.25} data-testid={`policy-current-${String(record.key)}`} data-number={segment.number}>
      <VersionNumber segment={segment} flags={dates.flags.get(segment.id)} />
      <CompactRange from={segment.effectiveFrom} through={segment.effectiveThrough} />
    </Stack>
  );
};

/** 次の予定変更: the first segment that takes effect after today (as known now), or なし. */
const NextChange = () => {
  const PT = usePolicyTexts();
  const record = useRecordContext();
  const dates = useContext(PolicyDatesContext);
  if (!record) return null;
  if (!dates) return <Pending failed={dates === null} />;
  const segment = dates.next.get(String(record.key));
  if (!segment) {
    return (
      <Typography component="span" variant="body2" color="text.secondary" data-testid={`policy-next-${String(record.key)}`} data-number="">
        {PT.list.none}
      </Typography>
    );
  }
  return (
    <Stack spacing={0.25} data-testid={`policy-next-${String(record.key)}`} data-number={segment.number} data-date={segment.effectiveFrom}>
      <CompactRange from={segment.effectiveFrom} single />
      <VersionNumber segment={segment} flags={dates.flags.get(segment.id)} />
    </Stack>
  );
};

/** The path of a policy's page. */
const policyShowPath = (policyKey: string) => `/policies/${encodeURIComponent(policyKey)}/show`;

/** One policy as a card for a narrow screen: the card opens its page; its version links sit below, apart. */
const PolicyCard = () => {
  const PT = usePolicyTexts();
  const record = useRecordContext();
  if (!record) return null;
  const key = String(record.key);
  const label = (text: string) => (
    <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.25 }}>
      {text}
    </Typography>
  );
  return (
    <Card variant="outlined" component="li" data-testid={`policy-card-${key}`}>
      <CardActionArea component={Link} to={policyShowPath(key)} sx={{ '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: '-3px' } }}>
        <CardContent sx={{ pb: 1 }}>
          <Stack spacing={0.25} sx={{ mb: 1.25 }}>
            <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 500, lineHeight: 1.4 }} data-testid={`policy-title-${key}`}>
              {String(record.title)}
            </Typography>
            <KindLabel />
          </Stack>
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', rowGap: 1.25 }}>
            {/* Side by side where both ranges fit whole (their 和暦 line is about 200 px), one above the other on a phone. */}
            <Box sx={{ flex: '1 1 220px', minWidth: 0 }}>
              {label(PT.list.current)}
              <CurrentVersion />
            </Box>
            <Box sx={{ flex: '1 1 220px', minWidth: 0 }}>
              {label(PT.list.next)}
              <NextChange />
            </Box>
          </Stack>
        </CardContent>
      </CardActionArea>
      <CardActions sx={{ pt: 0, px: 2, pb: 1.5 }}>
        <PolicyVersionLinks policyKey={key} testIdPrefix={`policy-${key}`} />
      </CardActions>
    </Card>
  );
};

/** The list as stacked cards, for a phone: nothing in it is wider than the screen. */
const PolicyCards = () => {
  const { data, isPending } = useListContext();
  if (isPending) return <LinearProgress sx={{ m: 2 }} />;
  return (
    <Stack component="ul" spacing={1.5} sx={{ listStyle: 'none', m: 0, p: 1 }} data-testid="policy-cards">
      {(data ?? []).map((record) => (
        <RecordContextProvider key={record.id} value={record}>
          <PolicyCard />
        </RecordContextProvider>
      ))}
    </Stack>
  );
};

const PolicyTable = () => {
  const PT = usePolicyTexts();
  return (
    <DataTable body={OpenableRowsBody} rowClick="show" bulkActionButtons={false} sx={{ '& .MuiTableCell-head, & .column-section': { whiteSpace: 'nowrap' } }}>
      <DataTable.Col source="title" label="resources.policies.fields.title" field={PolicyTitleCell} />
      <DataTable.Col source="section" label="resources.policies.fields.section" />
      <DataTable.Col source="kind" label="resources.policies.fields.kind" field={KindLabel} />
      <DataTable.Col label={PT.list.current} disableSort>
        <CurrentVersion />
      </DataTable.Col>
      <DataTable.Col label={PT.list.next} disableSort>
        <NextChange />
      </DataTable.Col>
      <DataTable.Col label="" disableSort>
        <PolicyActions />
      </DataTable.Col>
    </DataTable>
  );
};

/**
 * The policies with the version in force today and the next scheduled change; a row opens the policy's page, with
 * links to its versions and, for editors, a button that starts a new version from today's. Below the `md` width
 * (phones, a narrow window) the table's six columns would scroll sideways: each policy is a card instead.
 */
export const PolicyList = () => {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const T = useVersionTexts();
  const filters = useFilters();
  return (
    <List pagination={<AppPagination />} title={T.title.policies} filters={filters} actions={false} sort={{ field: 'key', order: 'ASC' }} perPage={50} exporter={false}>
      <PolicyDatesProvider>{narrow ? <PolicyCards /> : <PolicyTable />}</PolicyDatesProvider>
    </List>
  );
};
