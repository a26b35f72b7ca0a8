import { Badge, Box } from '@mui/material';
import ReviewIcon from '@mui/icons-material/RateReview';
import { useGetList, useTranslate } from 'react-admin';

/** Read by screen readers, not shown: the badge's number alone would be read without saying what it counts. */
const visuallyHidden = { border: 0, clip: 'rect(0 0 0 0)', height: 1, margin: -1, overflow: 'hidden', padding: 0, position: 'absolute', width: 1, whiteSpace: 'nowrap' } as const;

/** What waits in the review queue: drafts submitted for review and approved versions not yet published. */
export const WAITING_STATUSES = ['IN_REVIEW', 'APPROVED'];

/**
 * The レビュー待ち menu icon with the number of versions waiting (one count query; react-admin refetches it with every
 * refresh and after each workflow step). Nothing waiting, or the count not known: the plain icon, no "0".
 */
export const ReviewQueueIcon = () => {
  const translate = useTranslate();
  const { total } = useGetList('versions', {
    filter: { status: WAITING_STATUSES },
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'updatedAt', order: 'ASC' },
  });
  if (!total) return <ReviewIcon />;
  return (
    <Badge badgeContent={total} color="primary" max={99} data-testid="review-badge" slotProps={{ badge: { 'aria-hidden': true } }}>
      <ReviewIcon />
      <Box component="span" sx={visuallyHidden}>
        {translate('app.office.menu.reviewsWaiting', { count: total })}
      </Box>
    </Badge>
  );
};
