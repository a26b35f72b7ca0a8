import { useState } from 'react';
import { Alert, Button as MuiButton } from '@mui/material';
import PauseIcon from '@mui/icons-material/PauseCircle';
import PlayIcon from '@mui/icons-material/PlayCircle';
import KeyIcon from '@mui/icons-material/Key';
import DeleteIcon from '@mui/icons-material/Delete';
import ListIcon from '@mui/icons-material/ReceiptLong';
import { Link } from 'react-router-dom';
import {
  Confirm,
  Edit,
  ListButton,
  SaveButton,
  SimpleForm,
  Toolbar,
  TopToolbar,
  useDelete,
  useNotify,
  useRecordContext,
  useRedirect,
  useRefresh,
  useTranslate,
  useUpdate,
} from 'react-admin';
import { formatInstant } from '../common/dates';
import { rotateWebhookSecret } from './deliveryApi';
import { deliveryErrorMessage, fieldErrorsOf } from './errors';
import { WebhookState } from './labels';
import { RotateSecretDialog } from './RotateSecretDialog';
import { SecretDialog } from './SecretDialog';
import type { Webhook } from './types';
import { WebhookInputs, formValuesOf, inputOf, type WebhookFormValues } from './WebhookForm';

/** 停止 / 再開: the subscription's active flag (再開 also clears an automatic stop). */
const PauseResumeButton = () => {
  const webhook = useRecordContext<Webhook>();
  const translate = useTranslate();
  const notify = useNotify();
  const [update, { isPending }] = useUpdate();
  if (!webhook) return null;
  const toggle = () =>
    update(
      'webhooks',
      { id: webhook.id, data: { active: !webhook.active }, previousData: webhook },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => notify(webhook.active ? 'delivery.webhooks.paused' : 'delivery.webhooks.resumed', { type: 'success' }),
        onError: (error) => notify(deliveryErrorMessage(error, translate), { type: 'error' }),
      },
    );
  return (
    <MuiButton size="small" startIcon={webhook.active ? <PauseIcon /> : <PlayIcon />} onClick={toggle} disabled={isPending} data-testid="webhook-toggle">
      {translate(webhook.active ? 'delivery.webhooks.pause' : 'delivery.webhooks.resume')}
    </MuiButton>
  );
};

/** Rotation: the grace choice, then the new secret shown once (held in this component's state, dropped on close). */
const RotateSecretButton = () => {
  const webhook = useRecordContext<Webhook>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  if (!webhook) return null;
  const rotate = async (graceSeconds: number) => {
    setBusy(true);
    try {
      const rotated = await rotateWebhookSecret(webhook.id, graceSeconds);
      setAsking(false);
      setSecret(rotated.secret);
      notify('delivery.rotate.done', { type: 'success' });
    } catch (error) {
      notify(deliveryErrorMessage(error, translate), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <MuiButton size="small" startIcon={<KeyIcon />} onClick={() => setAsking(true)} data-testid="webhook-rotate">
        {translate('delivery.rotate.button')}
      </MuiButton>
      <RotateSecretDialog open={asking} busy={busy} onCancel={() => setAsking(false)} onConfirm={rotate} />
      <SecretDialog
        secret={secret}
        onClose={() => {
          setSecret(null);
          refresh();
        }}
      />
    </>
  );
};

const DeleteWebhookButton = () => {
  const webhook = useRecordContext<Webhook>();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [asking, setAsking] = useState(false);
  const [remove, { isPending }] = useDelete();
  if (!webhook) return null;
  const confirm = () =>
    remove(
      'webhooks',
      { id: webhook.id, previousData: webhook },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setAsking(false);
          notify('delivery.webhooks.deleted', { type: 'success' });
          redirect('list', 'webhooks');
        },
        onError: (error) => {
          setAsking(false);
          notify(deliveryErrorMessage(error, translate), { type: 'error' });
        },
      },
    );
  return (
    <>
      <MuiButton size="small" color="error" startIcon={<DeleteIcon />} onClick={() => setAsking(true)} data-testid="webhook-delete">
        {translate('delivery.webhooks.delete')}
      </MuiButton>
      <Confirm
        isOpen={asking}
        loading={isPending}
        title={translate('delivery.webhooks.deleteTitle', { url: webhook.url })}
        content={translate('delivery.webhooks.deleteContent')}
        confirm={translate('delivery.webhooks.delete')}
        confirmColor="warning"
        onConfirm={confirm}
        onClose={() => setAsking(false)}
      />
    </>
  );
};

const LogLink = () => {
  const webhook = useRecordContext<Webhook>();
  const translate = useTranslate();
  if (!webhook) return null;
  const filter = encodeURIComponent(JSON.stringify({ webhookId: webhook.id }));
  return (
    <MuiButton size="small" startIcon={<ListIcon />} component={Link} to={`/webhook-deliveries?filter=${filter}`} data-testid="webhook-log">
      {translate('delivery.webhooks.showLog')}
    </MuiButton>
  );
};

const EditActions = () => (
  <TopToolbar>
    <ListButton />
    <LogLink />
    <PauseResumeButton />
    <RotateSecretButton />
    <DeleteWebhookButton />
  </TopToolbar>
);

const SaveOnly = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** The form, seeded from the record (whether it covers every policy is the form's own field). */
const WebhookEditForm = () => {
  const webhook = useRecordContext<Webhook>();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [update] = useUpdate();
  if (!webhook) return null;
  const save = async (values: Record<string, unknown>) => {
    const { url, description, eventTypes, policyKeys } = inputOf(values as unknown as WebhookFormValues);
    try {
      // The active flag has its own buttons (停止 / 再開); the form sends only what it edits.
      await update(
        'webhooks',
        { id: webhook.id, data: { url, description, eventTypes, policyKeys }, previousData: webhook },
        { mutationMode: 'pessimistic', returnPromise: true },
      );
      notify('delivery.webhooks.saved', { type: 'success' });
      redirect('list', 'webhooks');
      return undefined;
    } catch (error) {
      notify(deliveryErrorMessage(error, translate), { type: 'error' });
      return fieldErrorsOf(error, translate);
    }
  };
  return (
    <SimpleForm defaultValues={formValuesOf(webhook)} onSubmit={save} toolbar={<SaveOnly />}>
      <WebhookState webhook={webhook} />
      {webhook.previousSecretExpiresAt && (
        <Alert severity="info" sx={{ my: 1 }}>
          {translate('delivery.webhooks.previousSecret', { until: formatInstant(webhook.previousSecretExpiresAt) })}
        </Alert>
      )}
      <WebhookInputs />
    </SimpleForm>
  );
};

const EditTitle = () => {
  const translate = useTranslate();
  return <span>{translate('delivery.webhooks.edit')}</span>;
};

export const WebhookEdit = () => (
  <Edit resource="webhooks" mutationMode="pessimistic" actions={<EditActions />} title={<EditTitle />}>
    <WebhookEditForm />
  </Edit>
);
