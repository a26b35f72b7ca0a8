import { Stack, Typography } from '@mui/material';
import { ContentTextField } from '../shared/ContentTextField';
import { ObjectListEditor } from '../shared/ObjectListEditor';
import { useKindWords } from '../shared/useKindWords';

/** お知らせ: a title, a multi-line Japanese body (one paragraph or bullet per line) and links to official pages. */
export const NoticeEditor = () => {
  const words = useKindWords();
  return (
    <Stack spacing={2} data-testid="notice-editor">
      <ContentTextField source="content.title" fullWidth />
      <ContentTextField source="content.body" fullWidth multiline minRows={6} helperText={words.t('notice.bodyHelp')} />
      <ObjectListEditor source="content.links" newItem={() => ({ label: '', url: 'https://' })}>
        {(path) => (
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
            <ContentTextField source={`${path}.label`} sx={{ minWidth: 280 }} />
            <ContentTextField source={`${path}.url`} fullWidth />
          </Stack>
        )}
      </ObjectListEditor>
      <Typography variant="caption" color="text.secondary">
        {words.t('notice.linksHelp')}
      </Typography>
    </Stack>
  );
};
