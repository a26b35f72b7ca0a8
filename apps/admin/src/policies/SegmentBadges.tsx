import { Chip, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { TimelineSegment, VersionFlags } from './policyData';

/**
 * The demo flag of a segment's version, split: 架空の内容 (an invented rule) or 記録日は推定 (a real rule whose first
 * announcement day is not known). While the split flags are unknown (not loaded, or not readable), a demo version
 * shows the plain 「デモ」 it always did.
 */
export const SegmentBadges = ({ segment, flags, compact = false }: { segment: TimelineSegment; flags?: VersionFlags; compact?: boolean }) => {
  const translate = useTranslate();
  const sx = compact ? { height: 18, fontSize: 11 } : undefined;
  if (flags?.inventedContent || (!flags && segment.demo)) {
    return (
      <Tooltip title={translate('versions.badges.inventedContentHelp')}>
        <Chip size="small" color="secondary" variant="outlined" sx={sx} data-testid="segment-invented"
          label={translate(flags ? 'versions.badges.inventedContent' : 'versions.badges.demo')} />
      </Tooltip>
    );
  }
  if (flags?.recordDateAssumed) {
    return (
      <Tooltip title={translate('versions.badges.recordDateAssumedHelp')}>
        <Chip size="small" variant="outlined" sx={sx} data-testid="segment-record-date-assumed" label={translate('versions.badges.recordDateAssumed')} />
      </Tooltip>
    );
  }
  return null;
};
