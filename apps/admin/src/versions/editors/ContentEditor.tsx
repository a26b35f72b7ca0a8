import { Alert, Box, Typography } from '@mui/material';
import { versionTexts as T } from '../../i18n/messages-versions';
import { usePolicyKinds } from '../hooks';
import { CarryOverEditor } from './CarryOverEditor';
import { FacilityMatrixEditor } from './FacilityMatrixEditor';
import { FeeTableEditor } from './FeeTableEditor';
import { JsonContentEditor } from './JsonContentEditor';
import { NoticeEditor } from './NoticeEditor';
import { useErrorsUnder } from './formHelpers';

/** Every server error under `content`, with its path, so none is lost even when no input shows that path. */
export const ContentErrors = () => {
  const errors = useErrorsUnder('content');
  if (errors.length === 0) return null;
  return (
    <Alert severity="error" data-testid="content-errors" sx={{ mt: 1 }}>
      <Typography variant="subtitle2">{T.form.contentErrors}</Typography>
      {errors.map((e) => (
        <div key={e.path}>
          <code>{e.path}</code>: {e.message}
        </div>
      ))}
    </Alert>
  );
};

/** The content editor for a policy's kind; kinds without one get the JSON editor driven by their JSON Schema. */
export const ContentEditor = ({ kind }: { kind: string }) => {
  const kinds = usePolicyKinds();
  const info = kinds?.find((k) => k.name === kind);
  let editor;
  switch (kind) {
    case 'facility-matrix':
      editor = <FacilityMatrixEditor />;
      break;
    case 'fee-table':
      editor = <FeeTableEditor />;
      break;
    case 'card-renewal-carry-over':
      editor = <CarryOverEditor />;
      break;
    case 'notice':
      editor = <NoticeEditor />;
      break;
    default:
      editor = kinds ? <JsonContentEditor schema={info?.jsonSchema} /> : null;
  }
  return (
    <Box sx={{ width: '100%' }} data-testid="content-editor" data-kind={kind}>
      <Typography variant="h6" sx={{ mb: 1 }}>
        {T.fields.content}
        <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
          {info ? `${info.title}(${kind})` : kind}
        </Typography>
      </Typography>
      {editor}
      <ContentErrors />
    </Box>
  );
};
