import { useState } from 'react';
import { Create, SimpleForm, useNotify, useRedirect, useRefresh, useTranslate } from 'react-admin';
import { createWebhook } from './deliveryApi';
import { deliveryErrorMessage, fieldErrorsOf } from './errors';
import { SecretDialog } from './SecretDialog';
import { NEW_WEBHOOK, NoBackfillNote, WebhookInputs, inputOf, type WebhookFormValues } from './WebhookForm';

/**
 * A new subscription. It is sent straight to the API rather than through react-admin's create, because the answer
 * carries the signing secret: the secret goes to the dialog's state only, and is gone when the dialog closes.
 */
export const WebhookCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const refresh = useRefresh();
  const [secret, setSecret] = useState<string | null>(null);
  const save = async (values: Record<string, unknown>) => {
    try {
      const created = await createWebhook(inputOf(values as unknown as WebhookFormValues));
      setSecret(created.secret);
      notify('delivery.webhooks.created', { type: 'success' });
      return undefined;
    } catch (error) {
      notify(deliveryErrorMessage(error, translate), { type: 'error' });
      // Returned errors are set on their fields by react-admin's form.
      return fieldErrorsOf(error, translate);
    }
  };
  const closeSecret = () => {
    setSecret(null);
    refresh();
    redirect('list', 'webhooks');
  };
  return (
    <>
      <Create resource="webhooks" title={translate('delivery.webhooks.create')}>
        <SimpleForm defaultValues={NEW_WEBHOOK} onSubmit={save}>
          <NoBackfillNote />
          <WebhookInputs withActive />
        </SimpleForm>
      </Create>
      <SecretDialog secret={secret} onClose={closeSecret} />
    </>
  );
};
