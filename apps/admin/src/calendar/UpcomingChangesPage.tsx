import { Fragment, useEffect, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, type Theme, Typography, useMediaQuery } from '@mui/material';
import { Link, Title, useTranslate } from 'react-admin';
import { isCalendarDate } from '@policy-cms/temporal';
import { CalendarDateText, TypedDateField, tokyoToday } from '../common/dates';
import { defaultThrough, fetchChangeDays, type ChangeDay } from './upcomingChanges';

/**
 * /calendar: what takes effect on which day across all policies, from today for a year, as the record stands now
 * (published versions; a draft or an approved version appears once published). Choosing a day answers "what changes
 * on that day".
 */
export const UpcomingChangesPage = () => {
  const translate = useTranslate();
  const today = tokyoToday();
  const [day, setDay] = useState('');
  const [days, setDays] = useState<ChangeDay[] | null>(null);
  const [failed, setFailed] = useState(false);
  const chosen = isCalendarDate(day) ? day : null;

  useEffect(() => {
    let live = true;
    setDays(null);
    setFailed(false);
    const [from, through] = chosen ? [chosen, chosen] : [today, defaultThrough(today)];
    fetchChangeDays(from, through).then(
      (found) => live && setDays(found),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [chosen, today]);

  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('app.office.calendar.title')} />
      <Card>
        <CardContent>
          <Typography variant="h6" component="h1" gutterBottom>
            {translate('app.office.calendar.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('app.office.calendar.intro')}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, mb: 2 }}>
            <TypedDateField
              label={translate('app.office.calendar.onDay')}
              value={day}
              onChange={setDay}
              error={day !== '' && !chosen}
              helperText={day !== '' && !chosen ? translate('versions.dates.invalid') : undefined}
              testId="calendar-day"
              sx={{ width: { xs: '100%', sm: 240 } }}
            />
            {chosen && <Button onClick={() => setDay('')}>{translate('app.office.calendar.showAll')}</Button>}
          </Stack>
          {!days && !failed && <LinearProgress aria-label={translate('ra.page.loading')} />}
          {failed && <Alert severity="error">{translate('ra.notification.http_error')}</Alert>}
          {days && days.length === 0 && (
            <Typography data-testid="calendar-empty">
              {translate(chosen ? 'app.office.calendar.noneOnDay' : 'app.office.calendar.noneAhead')}
            </Typography>
          )}
          {days && days.length > 0 && <ChangeTable days={days} />}
        </CardContent>
      </Card>
    </Box>
  );
};

/**
 * One row per change; the day's cell spans its changes, so a day with several changes reads as one group. On a phone
 * the policy, the version and the summary share one cell, one under the other, beside the day.
 */
const ChangeTable = ({ days }: { days: ChangeDay[] }) => {
  const translate = useTranslate();
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const versionLink = (change: ChangeDay['changes'][number]) => (
    <>
      <Link to={`/versions/${encodeURIComponent(change.versionId)}/show`}>{translate('kinds.versionNumber', { number: change.number })}</Link>
      {change.resumes && (
        <Typography component="span" variant="body2" sx={{ display: 'block', color: 'text.secondary' }}>
          {translate('app.office.calendar.resumes')}
        </Typography>
      )}
    </>
  );
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="calendar-table">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">{translate('app.office.calendar.day')}</TableCell>
            <TableCell component="th" scope="col">{translate('app.office.calendar.policy')}</TableCell>
            {!narrow && <TableCell component="th" scope="col">{translate('app.office.calendar.version')}</TableCell>}
            {!narrow && <TableCell component="th" scope="col">{translate('app.office.calendar.summary')}</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {days.map(({ on, changes }) => (
            <Fragment key={on}>
              {changes.map((change, index) => (
                <TableRow key={`${change.versionId}-${on}`} data-testid="calendar-change" data-day={on}>
                  {index === 0 && (
                    <TableCell component="th" scope="rowgroup" rowSpan={changes.length} sx={{ verticalAlign: 'top', ...(narrow ? { px: 1, width: '7.5em' } : {}) }}>
                      <CalendarDateText value={on} />
                    </TableCell>
                  )}
                  {narrow ? (
                    <TableCell sx={{ px: 1 }}>
                      <Link to={`/policies/${encodeURIComponent(change.policyKey)}/show`}>{change.policyTitle}</Link>
                      <Box sx={{ mt: 0.5 }}>{versionLink(change)}</Box>
                      <Typography variant="body2" sx={{ mt: 0.5 }}>
                        {change.summary}
                      </Typography>
                    </TableCell>
                  ) : (
                    <>
                      <TableCell>
                        <Link to={`/policies/${encodeURIComponent(change.policyKey)}/show`}>{change.policyTitle}</Link>
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{versionLink(change)}</TableCell>
                      <TableCell>{change.summary}</TableCell>
                    </>
                  )}
                </TableRow>
              ))}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
