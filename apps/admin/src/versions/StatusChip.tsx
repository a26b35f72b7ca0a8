import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { versionTexts as T, type VersionStatus } from '../i18n/messages-versions';

const COLORS: Record<VersionStatus, ChipProps['color']> = {
  DRAFT: 'default',
  IN_REVIEW: 'warning',
  APPROVED: 'info',
  PUBLISHED: 'success',
  REJECTED: 'error',
  WITHDRAWN: 'default',
};

/** A version's status as a coloured Japanese chip. */
export const StatusChip = ({ status, size = 'small' }: { status: string; size?: ChipProps['size'] }) => (
  <Chip
    size={size}
    label={T.status[status as VersionStatus] ?? status}
    color={COLORS[status as VersionStatus] ?? 'default'}
    variant={status === 'WITHDRAWN' ? 'outlined' : 'filled'}
    data-testid="status-chip"
    data-status={status}
  />
);

export const StatusChipField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext();
  return record ? <StatusChip status={String(record.status)} /> : null;
};
