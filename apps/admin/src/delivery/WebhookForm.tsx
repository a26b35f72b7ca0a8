import { Alert, Typography } from '@mui/material';
import {
  AutocompleteArrayInput,
  BooleanInput,
  CheckboxGroupInput,
  FormDataConsumer,
  RadioButtonGroupInput,
  ReferenceArrayInput,
  TextInput,
  maxLength,
  required,
  useTranslate,
  type Validator,
} from 'react-admin';
import type { WebhookInput } from './deliveryApi';
import { CHANGE_EVENT_TYPES, type ChangeEventType, type Webhook } from './types';

/** The form's values: the API's input plus whether the subscription covers every policy. */
export interface WebhookFormValues {
  url: string;
  description: string;
  eventTypes: ChangeEventType[];
  scope: 'all' | 'some';
  policyKeys: string[] | null;
  active: boolean;
}

export const NEW_WEBHOOK: WebhookFormValues = { url: '', description: '', eventTypes: [...CHANGE_EVENT_TYPES], scope: 'all', policyKeys: [], active: true };

export const formValuesOf = (webhook: Webhook): WebhookFormValues => ({
  url: webhook.url,
  description: webhook.description ?? '',
  eventTypes: webhook.eventTypes,
  scope: webhook.policyKeys ? 'some' : 'all',
  policyKeys: webhook.policyKeys ?? [],
  active: webhook.active,
});

export const inputOf = (values: WebhookFormValues): WebhookInput => ({
  url: values.url.trim(),
  description: (values.description ?? '').trim(),
  eventTypes: CHANGE_EVENT_TYPES.filter((type) => values.eventTypes?.includes(type)),
  policyKeys: values.scope === 'some' ? (values.policyKeys ?? []) : null,
  active: values.active !== false,
});

/** The checks the API makes on a URL, made first here (the messages are translation keys). */
const validUrl: Validator = (value: unknown) => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (text.length > 2048) return 'delivery.errors.urlTooLong';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'delivery.errors.urlInvalid';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'delivery.errors.urlInvalid';
  if (url.username || url.password) return 'delivery.errors.urlCredentials';
  return undefined;
};
const someEventType: Validator = (value: unknown) => (Array.isArray(value) && value.length > 0 ? undefined : 'delivery.errors.eventTypesRequired');
const policiesWhenChosen: Validator = (value: unknown, values: Record<string, unknown>) =>
  values?.scope === 'some' && !(Array.isArray(value) && value.length > 0) ? 'delivery.errors.policiesRequired' : undefined;

/**
 * URL, 説明, event types as words, all policies or some (by title), and 有効 on creation (an existing subscription is
 * stopped and resumed with its own buttons, so that saving a form never flips it by surprise).
 */
export const WebhookInputs = ({ withActive = false }: { withActive?: boolean }) => {
  const translate = useTranslate();
  const eventChoices = CHANGE_EVENT_TYPES.map((type) => ({ id: type, name: translate(`delivery.eventTypes.${type}`) }));
  return (
    <>
      <TextInput
        source="url"
        validate={[required('delivery.errors.required'), validUrl]}
        helperText={translate('delivery.webhooks.urlHelp')}
        fullWidth
        sx={{ maxWidth: 720 }}
        autoComplete="off"
        slotProps={{ htmlInput: { spellCheck: false, inputMode: 'url' } }}
      />
      <TextInput
        source="description"
        validate={maxLength(200, 'delivery.errors.fields.description')}
        helperText={translate('delivery.webhooks.descriptionHelp')}
        fullWidth
        sx={{ maxWidth: 720 }}
      />
      <CheckboxGroupInput
        source="eventTypes"
        choices={eventChoices}
        validate={someEventType}
        helperText={translate('delivery.webhooks.eventTypesHelp')}
        optionText={(choice: { id: ChangeEventType; name: string }) => (
          <span title={translate(`delivery.eventTypeHelp.${choice.id}`)}>{choice.name}</span>
        )}
      />
      <RadioButtonGroupInput
        source="scope"
        label={translate('delivery.webhooks.scope')}
        choices={[
          { id: 'all', name: translate('delivery.webhooks.scopeAll') },
          { id: 'some', name: translate('delivery.webhooks.scopeSome') },
        ]}
        row={false}
        helperText={false}
      />
      <FormDataConsumer<WebhookFormValues>>
        {({ formData }) =>
          formData.scope === 'some' && (
            <ReferenceArrayInput source="policyKeys" reference="policies" sort={{ field: 'title', order: 'ASC' }} perPage={1000}>
              <AutocompleteArrayInput
                optionText="title"
                label={translate('resources.webhooks.fields.policyKeys')}
                helperText={translate('delivery.webhooks.policiesHelp')}
                validate={policiesWhenChosen}
                sx={{ minWidth: 480, maxWidth: 720 }}
                fullWidth
              />
            </ReferenceArrayInput>
          )
        }
      </FormDataConsumer>
      {withActive && <BooleanInput source="active" helperText={translate('delivery.webhooks.activeHelp')} />}
    </>
  );
};

export const NoBackfillNote = () => {
  const translate = useTranslate();
  return (
    <Alert severity="info" sx={{ mb: 1 }}>
      <Typography variant="body2">{translate('delivery.webhooks.noBackfill')}</Typography>
    </Alert>
  );
};
