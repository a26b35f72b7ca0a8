import { useEffect, useMemo } from 'react';
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { TextInput, useTranslate, type Validator } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { describeSchema, schemaIssueText, validateJson, type JsonSchema } from './jsonSchema';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The JSON text of the content; the form's `contentJson` field, parsed back into `content` on save. */
export const CONTENT_JSON = 'contentJson';

export function stringifyContent(content: unknown): string {
  return JSON.stringify(content ?? {}, null, 2);
}

/** Parses the JSON editor's text; throws a SyntaxError with the browser's message when it is not JSON. */
export function parseContentJson(text: string): unknown {
  return JSON.parse(text);
}

const jsonValidator =
  (schema: JsonSchema | undefined, translate: Translate): Validator =>
  (value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') return 'versions.form.required';
    let parsed: unknown;
    try {
      parsed = parseContentJson(value);
    } catch (error) {
      // The browser's own wording is English ("Unterminated string in JSON at position 50"): say where, in words.
      const position = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? value.length);
      const before = value.slice(0, position).split('\n');
      return { message: 'kinds.json.invalid', args: { line: before.length, column: before[before.length - 1].length + 1 } };
    }
    if (!schema) return undefined;
    const issues = validateJson(schema, parsed);
    if (issues.length === 0) return undefined;
    const shown = issues.slice(0, 5).map((issue) => schemaIssueText(issue, translate));
    const more = issues.length > 5 ? ` ${translate('versions.json.more', { count: issues.length - 5 })}` : '';
    return { message: 'versions.json.schemaError', args: { message: shown.join(' / ') + more } };
  };

/**
 * Fallback for kinds without their own editor: the content as JSON text, checked on submit for syntax and against the
 * kind's JSON Schema (from policyKinds); the schema's top-level properties show as help. Its words come from the
 * catalogues (`versions.json.*`), so English mode says them in English.
 */
export const JsonContentEditor = ({ schema }: { schema: JsonSchema | undefined }) => {
  const translate = useTranslate();
  const { getValues, setValue } = useFormContext();
  const content = useWatch({ name: 'content' });
  // When content is (re)loaded from the version in force, show it as text.
  useEffect(() => {
    if (getValues(CONTENT_JSON) === undefined && content !== undefined) setValue(CONTENT_JSON, stringifyContent(content));
  }, [content, getValues, setValue]);
  const validate = useMemo(() => jsonValidator(schema, translate), [schema, translate]);
  const rows = describeSchema(schema);
  return (
    <Box data-testid="json-editor">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="json-editor-help">
        {translate('versions.json.help')}
      </Typography>
      <TextInput
        source={CONTENT_JSON}
        label={translate('versions.json.label')}
        multiline
        minRows={12}
        maxRows={40}
        fullWidth
        validate={validate}
        sx={{ '& textarea': { fontFamily: 'monospace', fontSize: 13 } }}
      />
      {rows.length > 0 && (
        <Box sx={{ mt: 1, overflowX: 'auto' }}>
          <Typography variant="subtitle2">{translate('versions.json.schema')}</Typography>
          <Table size="small" data-testid="json-schema-help">
            <TableHead>
              <TableRow>
                <TableCell>{translate('versions.json.field')}</TableCell>
                <TableCell>{translate('versions.json.type')}</TableCell>
                <TableCell>{translate('versions.json.required')}</TableCell>
                <TableCell>{translate('versions.json.description')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.name}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{row.name}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, maxWidth: 420, wordBreak: 'break-all' }}>{row.type}</TableCell>
                  <TableCell>{row.required ? '〇' : ''}</TableCell>
                  <TableCell sx={{ fontSize: 12 }}>{row.description ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
};
