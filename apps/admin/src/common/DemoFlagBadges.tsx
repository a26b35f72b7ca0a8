import { Chip, Tooltip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';

/** What in a version is not from a source: `demo` (public) and its split (staff-only, migration 0014). */
export interface DemoFlags {
  demo?: boolean | null;
  inventedContent?: boolean | null;
  recordDateAssumed?: boolean | null;
  /** Any record that has them (a version, a segment) will do. */
  [field: string]: unknown;
}

/**
 * - invented: the rule itself is invented for the demo (架空の内容);
 * - assumed: a real rule whose first announcement day is not known, so its record instant is assumed (記録日は推定);
 * - unsplit: `demo` without its split (a version loaded before the split, or flags not read): something in it has no
 *   source, and which is not known, so it is never called invented.
 */
export type DemoFlag = 'invented' | 'assumed' | 'unsplit';

export function demoFlagOf(flags: DemoFlags): DemoFlag | null {
  if (flags.inventedContent) return 'invented';
  if (flags.recordDateAssumed) return 'assumed';
  return flags.demo ? 'unsplit' : null;
}

const LABELS: Record<DemoFlag, { label: string; help: string }> = {
  invented: { label: 'versions.badges.inventedContent', help: 'versions.badges.inventedContentHelp' },
  assumed: { label: 'versions.badges.recordDateAssumed', help: 'versions.badges.recordDateAssumedHelp' },
  unsplit: { label: 'versions.badges.demo', help: 'versions.badges.demoHelp' },
};

/**
 * The one badge that says what is not from a source, with the same words on every screen (policy list and page,
 * version list and page, review queue, preview). Nothing for a version wholly from sources.
 */
export const DemoFlagBadges = ({ flags, size = 'small', compact = false }: { flags: DemoFlags; size?: ChipProps['size']; compact?: boolean }) => {
  const translate = useTranslate();
  const flag = demoFlagOf(flags);
  if (!flag) return null;
  const { label, help } = LABELS[flag];
  return (
    <Tooltip title={translate(help)}>
      <Chip
        size={size}
        color={flag === 'invented' ? 'secondary' : 'default'}
        variant="outlined"
        sx={compact ? { height: 18, fontSize: 11 } : undefined}
        label={translate(label)}
        data-testid={flag === 'assumed' ? 'record-date-assumed-badge' : 'demo-badge'}
        data-demo={flag}
      />
    </Tooltip>
  );
};
