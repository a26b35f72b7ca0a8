import { Box, Link, Typography } from '@mui/material';
import type { NoticeContent } from '@policy-cms/kinds';

/** お知らせ: the title, the body with its line breaks, and the links. */
export const NoticeView = ({ content }: { content: unknown }) => {
  const c = content as Partial<NoticeContent>;
  return (
    <Box data-testid="notice-view">
      {c.title && (
        <Typography variant="subtitle1" sx={{ fontWeight: 'bold', mb: 1 }}>
          {c.title}
        </Typography>
      )}
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', lineHeight: 1.9 }}>
        {c.body}
      </Typography>
      {(c.links ?? []).length > 0 && (
        <Box sx={{ mt: 1 }}>
          {(c.links ?? []).map((link, i) => (
            <Typography key={i} variant="body2">
              <Link href={link.url} target="_blank" rel="noopener noreferrer">
                {link.label}
              </Link>
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
};
