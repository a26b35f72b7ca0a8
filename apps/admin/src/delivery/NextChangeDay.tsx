import { useEffect, useState } from 'react';
import { Stack, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { todayInTokyo } from '@policy-cms/temporal';
import { CalendarDateText } from '../common/dates';
import { fetchTimeline } from '../policies/policyData';
import { nextChangeDay, type NextChange } from './next-change-day';

/**
 * 次の適用開始日 on the policy page: from the policy's timeline as recorded now (whatever instant the page's own
 * timeline shows), the next Tokyo day whose rule in force differs from the day before's — the day the change feed
 * will announce with 適用開始.
 */
export const NextChangeDay = ({ policyKey }: { policyKey: string }) => {
  const translate = useTranslate();
  const [state, setState] = useState<{ key: string; next: NextChange | null } | { key: string; failed: true } | null>(null);
  useEffect(() => {
    let live = true;
    fetchTimeline(policyKey, null).then(
      (segments) => live && setState({ key: policyKey, next: nextChangeDay(segments, todayInTokyo()) }),
      () => live && setState({ key: policyKey, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [policyKey]);
  const current = state?.key === policyKey ? state : null;
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }} data-testid="next-change-day">
      <Typography variant="body2" sx={{ fontWeight: 700 }}>
        {translate('delivery.nextChange.label')}
      </Typography>
      {!current && (
        <Typography variant="body2" color="text.secondary">
          {translate('delivery.nextChange.loading')}
        </Typography>
      )}
      {current && 'failed' in current && (
        <Typography variant="body2" color="error">
          {translate('delivery.nextChange.failed')}
        </Typography>
      )}
      {current && 'next' in current && !current.next && (
        <Typography variant="body2" data-day="">
          {translate('delivery.nextChange.none')}
        </Typography>
      )}
      {current && 'next' in current && current.next && (
        <>
          <span data-day={current.next.day}>
            <CalendarDateText value={current.next.day} inline />
          </span>
          <Typography variant="body2" color="text.secondary">
            {current.next.version ? (
              <Link to={`/versions/${encodeURIComponent(current.next.version.id)}/show`}>
                {translate('delivery.nextChange.versionStarts', { number: current.next.version.number })}
              </Link>
            ) : (
              translate('delivery.nextChange.nothingInForce')
            )}
          </Typography>
        </>
      )}
    </Stack>
  );
};
