import { FacilityMatrixTable, type FacilityMatrixLike } from '../../common/FacilityMatrixTable';

/** The facility matrix as the seed page's 〇/‐ table: the same table the review and preview screens draw. */
export const FacilityMatrixView = ({ content, testId = 'facility-matrix-view' }: { content: unknown; testId?: string }) => (
  <FacilityMatrixTable content={content as FacilityMatrixLike} data-testid={testId} />
);
