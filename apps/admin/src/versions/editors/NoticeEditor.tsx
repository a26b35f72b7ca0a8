import { Box, Stack, Typography } from '@mui/material';
import { versionTexts as T } from '../../i18n/messages-versions';
import { ContentTextField } from './ContentTextField';
import { useFormValue } from './formHelpers';

/** お知らせ: a title and a multi-line Japanese body (one paragraph or bullet per line); links are kept as they are. */
export const NoticeEditor = () => {
  const [links] = useFormValue<{ label: string; url: string }[] | undefined>('content.links');
  return (
    <Stack spacing={2} data-testid="notice-editor">
      <ContentTextField source="content.title" label={T.notice.title} fullWidth />
      <ContentTextField source="content.body" label={T.notice.body} fullWidth multiline minRows={6} />
      {Array.isArray(links) && links.length > 0 && (
        <Box>
          <Typography variant="subtitle2">{T.notice.links}</Typography>
          {links.map((link, i) => (
            <Typography key={i} variant="body2" color="text.secondary">
              {link.label}: {link.url}
            </Typography>
          ))}
        </Box>
      )}
    </Stack>
  );
};
