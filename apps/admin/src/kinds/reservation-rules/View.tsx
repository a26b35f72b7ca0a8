import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReservationRulesContent } from '@policy-cms/kinds';
import { Bullets, Heading, Section } from '../shared/ViewParts';
import { useKindWords } from '../shared/useKindWords';

/** 予約方法 as the public page puts it: per procedure whether to reserve and where, with the exceptions by facility. */
export const ReservationView = ({ content }: { content: unknown }) => {
  const words = useKindWords();
  const c = content as Partial<ReservationRulesContent>;
  const channels = (list: readonly string[]) => words.list(list.map((x) => words.label('reservationChannel', x)));
  const required = words.t('view.reservationRequired');
  const notRequired = words.t('view.noReservation');
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
            <TableCell>{words.field('rules.*.procedure')}</TableCell>
            <TableCell>{words.t('view.reservation')}</TableCell>
            <TableCell>{words.field('notes')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(c.rules ?? []).map((rule) => (
            <TableRow key={rule.procedure} data-procedure={rule.procedure} sx={{ '& td': { verticalAlign: 'top' } }}>
              <TableCell sx={{ width: '38%' }}>{rule.label || words.label('procedure', rule.procedure)}</TableCell>
              <TableCell>
                {rule.reservationRequired ? (
                  <>
                    <Chip size="small" color="warning" label={required} sx={{ mr: 1 }} />
                    {channels(rule.channels)}
                  </>
                ) : (
                  <Chip size="small" color="success" label={notRequired} />
                )}
                {(rule.facilityRules ?? []).map((f) => (
                  <Typography variant="body2" key={f.facilityType} sx={{ mt: 0.5 }}>
                    {words.label('facilityType', f.facilityType)}: {f.reservationRequired ? words.aside(required, channels(f.channels)) : notRequired}
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
          <Heading>{words.field('ageWaiver')}</Heading>
          <Typography variant="body2">
            {words.field('ageWaiver.fromAge')}: {c.ageWaiver.fromAge}
            {words.t('units.age')}
          </Typography>
          <Typography variant="body2">{c.ageWaiver.description}</Typography>
        </>
      )}
      <Section title={words.field('notes')} items={c.notes} />
    </Box>
  );
};
