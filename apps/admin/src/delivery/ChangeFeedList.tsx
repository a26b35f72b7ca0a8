import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  Checkbox,
  CircularProgress,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  InputLabel,
  MenuItem,
  Select,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { CalendarDateText, CalendarRangeText } from '../common/dates';
import { fetchChangeFeed } from './deliveryApi';
import { deliveryErrorMessage } from './errors';
import { EventTypeChip, InstantText, PolicyName, RetroactiveBadge, VersionLink, usePolicyTitles } from './labels';
import { CHANGE_EVENT_TYPES, type ChangeEvent, type ChangeEventType } from './types';
import { usePhone } from '../common/usePhone';

const PAGE_SIZE = 50;

interface FeedState {
  events: ChangeEvent[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * The change feed in its own order, oldest first, as downstream services read it; さらに読み込む fetches the next page
 * after the last cursor shown (and, at the end, asks whether newer events have come).
 */
function useChangeFeed(policyKey: string, types: ChangeEventType[]) {
  const [feed, setFeed] = useState<FeedState | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Answers for filters no longer shown are dropped.
  const generation = useRef(0);
  const load = useCallback(
    async (after: string | null, previous: ChangeEvent[]): Promise<number> => {
      const mine = generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await fetchChangeFeed({ after, first: PAGE_SIZE, policyKey: policyKey || null, types });
        if (mine !== generation.current) return 0;
        setFeed({ events: [...previous, ...page.events], endCursor: page.endCursor ?? after, hasNextPage: page.hasNextPage });
        return page.events.length;
      } catch (e) {
        if (mine === generation.current) setError(e);
        return 0;
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [policyKey, types],
  );
  useEffect(() => {
    generation.current += 1;
    setFeed(null);
    void load(null, []);
  }, [load]);
  const more = async () => (feed ? load(feed.endCursor, feed.events) : 0);
  return { feed, loading, error, more };
}

const Filters = ({
  policyKey,
  onPolicyKey,
  types,
  onTypes,
  titles,
}: {
  policyKey: string;
  onPolicyKey: (key: string) => void;
  types: ChangeEventType[];
  onTypes: (types: ChangeEventType[]) => void;
  titles: Map<string, string>;
}) => {
  const translate = useTranslate();
  const policies = [...titles.entries()].sort((a, b) => a[1].localeCompare(b[1], 'ja'));
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: { md: 'center' } }}>
      <FormControl size="small" sx={{ minWidth: 320 }}>
        <InputLabel id="feed-policy-label">{translate('delivery.changes.policy')}</InputLabel>
        <Select
          labelId="feed-policy-label"
          label={translate('delivery.changes.policy')}
          value={policyKey}
          onChange={(event) => onPolicyKey(String(event.target.value))}
          data-testid="feed-policy"
        >
          <MenuItem value="">{translate('delivery.changes.allPoliciesFilter')}</MenuItem>
          {policies.map(([key, title]) => (
            <MenuItem key={key} value={key}>
              {title}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl component="fieldset">
        <FormLabel component="legend" sx={{ fontSize: '0.8rem' }}>
          {translate('delivery.changes.types')}
        </FormLabel>
        <FormGroup row>
          {CHANGE_EVENT_TYPES.map((type) => (
            <FormControlLabel
              key={type}
              control={
                <Checkbox
                  size="small"
                  checked={types.includes(type)}
                  onChange={(event) => onTypes(event.target.checked ? CHANGE_EVENT_TYPES.filter((t) => t === type || types.includes(t)) : types.filter((t) => t !== type))}
                />
              }
              label={translate(`delivery.eventTypes.${type}`)}
            />
          ))}
        </FormGroup>
      </FormControl>
    </Stack>
  );
};

const EventRow = ({ event, titles }: { event: ChangeEvent; titles: Map<string, string> }) => (
  <TableRow data-testid="feed-row" data-type={event.type}>
    <TableCell>
      <InstantText value={event.emittedAt} />
    </TableCell>
    <TableCell>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <EventTypeChip type={event.type} />
        {event.retroactive && <RetroactiveBadge />}
      </Stack>
    </TableCell>
    <TableCell>
      <PolicyName policyKey={event.policyKey} titles={titles} />
    </TableCell>
    <TableCell>
      <VersionLink versionId={event.versionId} number={event.versionNumber} />
    </TableCell>
    <TableCell>{event.effectiveFrom ? <CalendarRangeText from={event.effectiveFrom} through={event.effectiveThrough} /> : null}</TableCell>
    <TableCell>{event.type === 'TOOK_EFFECT' && event.day ? <CalendarDateText value={event.day} /> : null}</TableCell>
    <TableCell>
      <InstantText value={event.recordedAt} />
    </TableCell>
  </TableRow>
);

/**
 * On a phone, one cell per event: its type and time, the policy and version, the days it concerns (the table of
 * seven columns scrolled sideways, with the range and the day off the screen).
 */
const PhoneEventRow = ({ event, titles }: { event: ChangeEvent; titles: Map<string, string> }) => {
  const translate = useTranslate();
  const field = (name: string) => translate(`resources.changes.fields.${name}`);
  return (
    <TableRow data-testid="feed-row" data-type={event.type}>
      <TableCell>
        <Stack spacing={0.5}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
            <EventTypeChip type={event.type} />
            {event.retroactive && <RetroactiveBadge />}
            <Typography variant="caption" color="text.secondary">
              <InstantText value={event.emittedAt} />
            </Typography>
          </Stack>
          <Typography variant="body2" component="div" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1 }}>
            <PolicyName policyKey={event.policyKey} titles={titles} />
            <VersionLink versionId={event.versionId} number={event.versionNumber} />
          </Typography>
          {event.effectiveFrom && (
            <Typography variant="body2" component="div">
              {field('range')}: <CalendarRangeText from={event.effectiveFrom} through={event.effectiveThrough} />
            </Typography>
          )}
          {event.type === 'TOOK_EFFECT' && event.day && (
            <Typography variant="body2" component="div">
              {field('day')}: <CalendarDateText value={event.day} />
            </Typography>
          )}
        </Stack>
      </TableCell>
    </TableRow>
  );
};

/** 変更フィード: every public event (公開 / 取下げ / 適用開始), for all staff. */
export const ChangeFeedList = () => {
  const translate = useTranslate();
  const titles = usePolicyTitles();
  const [policyKey, setPolicyKey] = useState('');
  const [types, setTypes] = useState<ChangeEventType[]>([...CHANGE_EVENT_TYPES]);
  const { feed, loading, error, more } = useChangeFeed(policyKey, types);
  const field = (name: string) => translate(`resources.changes.fields.${name}`);
  const [checked, setChecked] = useState(false);
  const phone = usePhone();
  const count = feed?.events.length ?? 0;
  // At the end of the feed the button asks for newer events; say so when none came.
  const loadMore = async () => {
    const atEnd = !feed?.hasNextPage;
    const added = await more();
    setChecked(atEnd && added === 0);
  };
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('delivery.changes.title')} />
      <Card sx={{ p: 2 }}>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {translate('delivery.changes.help')}
          </Typography>
          <Filters policyKey={policyKey} onPolicyKey={setPolicyKey} types={types} onTypes={setTypes} titles={titles} />
          {!!error && <Alert severity="error">{deliveryErrorMessage(error, translate)}</Alert>}
          {feed && feed.events.length === 0 && !loading && (
            <Typography color="text.secondary" data-testid="feed-empty">
              {translate('delivery.changes.empty')}
            </Typography>
          )}
          {feed && feed.events.length > 0 && phone && (
            <Table size="small" data-testid="change-feed">
              <TableBody>
                {feed.events.map((event) => (
                  <PhoneEventRow key={event.cursor} event={event} titles={titles} />
                ))}
              </TableBody>
            </Table>
          )}
          {feed && feed.events.length > 0 && !phone && (
            <TableContainer>
              <Table size="small" data-testid="change-feed">
                <TableHead>
                  <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
                    <TableCell>{field('emittedAt')}</TableCell>
                    <TableCell>{field('type')}</TableCell>
                    <TableCell>{field('policyKey')}</TableCell>
                    <TableCell>{field('versionNumber')}</TableCell>
                    <TableCell>{field('range')}</TableCell>
                    <TableCell>{field('day')}</TableCell>
                    <TableCell>{field('recordedAt')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {feed.events.map((event) => (
                    <EventRow key={event.cursor} event={event} titles={titles} />
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button variant="outlined" onClick={loadMore} disabled={loading || !feed} data-testid="feed-more">
              {translate(feed?.hasNextPage ? 'delivery.changes.loadMore' : 'delivery.changes.checkNew')}
            </Button>
            {loading && <CircularProgress size={20} />}
            <Typography variant="body2" color="text.secondary" role="status">
              {feed ? translate('delivery.changes.loaded', { count }) : ''}
              {checked && !loading ? `(${translate('delivery.changes.noMore')})` : ''}
            </Typography>
          </Stack>
        </Stack>
      </Card>
    </Box>
  );
};
