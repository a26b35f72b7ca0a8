import { Alert, Box, Typography } from '@mui/material';
import { kindUi } from '../../kinds/registry';
import { useErrorsUnder } from '../../kinds/shared/formHelpers';
import { useKindWords } from '../../kinds/shared/useKindWords';
import { usePolicyKinds } from '../hooks';
import { JsonContentEditor } from './JsonContentEditor';

/**
 * Every problem under `content`, placed in words (「手数料の項目 2 › 金額(円)」), so none is lost even when no input
 * shows that place (an unknown key, a list that must not be empty).
 */
export const ContentErrors = () => {
  const words = useKindWords();
  const errors = useErrorsUnder('content');
  if (errors.length === 0) return null;
  return (
    <Alert severity="error" data-testid="content-errors" sx={{ mt: 1 }}>
      <Typography variant="subtitle2">{words.t('form.contentErrors')}</Typography>
      {errors.map((e) => (
        <div key={e.path}>{words.error(e.message, 'list')}</div>
      ))}
    </Alert>
  );
};

/** The form of a policy's kind (kinds/<kind>/Editor.tsx); a kind added in code without one gets the JSON editor. */
export const ContentEditor = ({ kind }: { kind: string }) => {
  const words = useKindWords();
  const kinds = usePolicyKinds();
  const ui = kindUi(kind);
  const schema = kinds?.find((k) => k.name === kind)?.jsonSchema;
  const Editor = ui?.Editor;
  return (
    <Box sx={{ width: '100%' }} data-testid="content-editor" data-kind={kind}>
      <Typography variant="h6" sx={{ mb: 1 }}>
        {words.t('form.content')}
        <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
          {words.kind(kind)}
        </Typography>
      </Typography>
      {Editor ? <Editor /> : kinds ? <JsonContentEditor schema={schema} /> : null}
      <ContentErrors />
    </Box>
  );
};
