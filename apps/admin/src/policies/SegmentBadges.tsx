import { DemoFlagBadges } from '../common/DemoFlagBadges';
import type { TimelineSegment, VersionFlags } from './policyData';

/**
 * The demo flag of a segment's version, split: 架空の内容 (an invented rule) or 記録日は推定 (a real rule whose first
 * announcement day is not known). While the split flags are unknown (not loaded, or not readable), a demo version
 * says only that something in it has no source: it is never called invented before that is known.
 */
export const SegmentBadges = ({ segment, flags, compact = false }: { segment: TimelineSegment; flags?: VersionFlags; compact?: boolean }) => (
  <DemoFlagBadges flags={{ demo: segment.demo, ...flags }} compact={compact} />
);
