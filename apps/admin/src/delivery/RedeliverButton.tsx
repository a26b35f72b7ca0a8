import { useState } from 'react';
import { Button } from '@mui/material';
import ReplayIcon from '@mui/icons-material/Replay';
import { Confirm, useNotify, useRefresh, useTranslate } from 'react-admin';
import { redeliverWebhook } from './deliveryApi';
import { deliveryErrorMessage } from './errors';
import type { WebhookDelivery } from './types';

/** 再送: asks first, then puts the delivery back in the queue, due now, with the same webhook-id. */
export const RedeliverButton = ({ delivery }: { delivery: WebhookDelivery }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await redeliverWebhook(delivery.id);
      notify('delivery.deliveries.redelivered', { type: 'success' });
      refresh();
    } catch (error) {
      const conflict = (error as { body?: { code?: string } })?.body?.code === 'CONFLICT';
      notify(conflict ? translate('delivery.errors.redeliverConflict') : deliveryErrorMessage(error, translate), { type: 'error' });
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        startIcon={<ReplayIcon />}
        onClick={(event) => {
          event.stopPropagation();
          setAsking(true);
        }}
        data-testid="redeliver"
      >
        {translate('delivery.deliveries.redeliver')}
      </Button>
      <Confirm
        isOpen={asking}
        loading={busy}
        title={translate('delivery.deliveries.redeliverTitle')}
        content={translate('delivery.deliveries.redeliverContent', { url: delivery.webhookUrl })}
        confirm={translate('delivery.deliveries.redeliver')}
        onConfirm={confirm}
        onClose={() => setAsking(false)}
      />
    </>
  );
};
