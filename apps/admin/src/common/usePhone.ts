import { useMediaQuery, type Theme } from '@mui/material';

/**
 * Whether the screen is a phone's (narrower than 600 px): lists then stack each row's facts in one or two columns,
 * instead of a table of six or more columns that scrolls sideways and hides the dates and states off the screen.
 */
export function usePhone(): boolean {
  return useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
}

/** A phone's list of one cell a row reads without a header row (the cell names what it shows). */
export const ONE_CELL_ROWS = { '& thead': { display: 'none' } } as const;
