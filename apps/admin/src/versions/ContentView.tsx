import { Box } from '@mui/material';
import { kindUi } from '../kinds/registry';

/** Content as JSON: for a kind without a view of its own, or content that does not have its kind's shape. */
export const JsonView = ({ content }: { content: unknown }) => (
  <Box
    component="pre"
    data-testid="json-view"
    sx={{ m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, overflow: 'auto', maxHeight: 600, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
  >
    {JSON.stringify(content, null, 2)}
  </Box>
);

/** Content rendered readably by its kind's view (kinds/<kind>/View.tsx); if it does not have the expected shape, as JSON. */
export const ContentView = ({ kind, content }: { kind: string; content: unknown }) => {
  const ui = kindUi(kind);
  const c = content as Record<string, unknown> | null;
  if (ui && c && typeof c === 'object' && ui.fits(c)) return <ui.View content={content} />;
  return <JsonView content={content} />;
};
