import { Divider, ListSubheader } from '@mui/material';
import { Menu, useResourceDefinitions, useSidebarState, useTranslate } from 'react-admin';

/** The resources of the 配信 section, in menu order (each shows only when registered for the user's roles). */
export const DELIVERY_MENU_RESOURCES: readonly string[] = ['changes', 'webhooks', 'webhook-deliveries'];

/**
 * The 配信 group of the side menu: a heading and its resources (変更フィード for all staff; Webhook 配信先 and
 * 配信ログ for ADMIN). Layout's menu renders it after the other items and leaves these resources out of its own list.
 */
export const DeliveryMenuGroup = () => {
  const translate = useTranslate();
  const [open] = useSidebarState();
  const resources = useResourceDefinitions();
  const shown = DELIVERY_MENU_RESOURCES.filter((name) => resources[name]?.hasList);
  if (shown.length === 0) return null;
  return (
    <>
      <Divider sx={{ my: 1 }} />
      {open && (
        <ListSubheader component="div" sx={{ lineHeight: '32px', bgcolor: 'transparent' }} data-testid="menu-group-delivery">
          {translate('delivery.menu.group')}
        </ListSubheader>
      )}
      {shown.map((name) => (
        <Menu.ResourceItem key={name} name={name} />
      ))}
    </>
  );
};
