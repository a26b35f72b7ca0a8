import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import { yenText, type Locale } from '@policy-cms/kinds';

/**
 * Whole yen as a reader of the language writes them: 2,900円 in Japanese (as the public page does), ¥2,900 in
 * English; a missing amount as the words for "not known".
 */
export const formatYen = (amount: number | null | undefined, unknown: string, locale: Locale) => (typeof amount !== 'number' ? unknown : yenText(amount, locale));

export const Bullets = ({ items, testId }: { items?: readonly ReactNode[]; testId?: string }) =>
  items && items.length > 0 ? (
    <Box component="ul" sx={{ my: 0.5, pl: 2.5 }} data-testid={testId}>
      {items.map((item, i) => (
        <Typography component="li" variant="body2" key={i} sx={{ mb: 0.25 }}>
          {item}
        </Typography>
      ))}
    </Box>
  ) : null;

export const Heading = ({ children }: { children: ReactNode }) => (
  <Typography variant="subtitle2" sx={{ mt: 1.5 }}>
    {children}
  </Typography>
);

/** A heading and its sentences, or nothing when there are none. */
export const Section = ({ title, items, testId }: { title: string; items?: readonly ReactNode[]; testId?: string }) =>
  items && items.length > 0 ? (
    <>
      <Heading>{title}</Heading>
      <Bullets items={items} testId={testId} />
    </>
  ) : null;
