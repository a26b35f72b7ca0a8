import type { ReactNode } from 'react';
import { Layout as RaLayout, Menu, useResourceDefinitions, useTranslate } from 'react-admin';
import CalendarIcon from '@mui/icons-material/EventNote';
import PreviewIcon from '@mui/icons-material/Visibility';
import { DELIVERY_MENU_RESOURCES, DeliveryMenuGroup } from '../delivery/DeliveryMenu';
import { ReviewQueueIcon } from '../calendar/ReviewQueueIcon';
import { OfficeAppBar } from '../login/NamedUserMenu';

const AppMenu = () => {
  const translate = useTranslate();
  const resources = useResourceDefinitions();
  // The 配信 resources have their own group below.
  const main = Object.keys(resources).filter((name) => resources[name].hasList && !DELIVERY_MENU_RESOURCES.includes(name));
  return (
    <Menu>
      {main.map((name) => (
        <Menu.ResourceItem key={name} name={name} />
      ))}
      <Menu.Item to="/reviews" primaryText={translate('app.menu.reviews')} leftIcon={<ReviewQueueIcon />} />
      <Menu.Item to="/calendar" primaryText={translate('app.office.menu.calendar')} leftIcon={<CalendarIcon />} />
      <Menu.Item to="/preview" primaryText={translate('app.menu.preview')} leftIcon={<PreviewIcon />} />
      <DeliveryMenuGroup />
    </Menu>
  );
};

export const Layout = ({ children }: { children: ReactNode }) => <RaLayout menu={AppMenu} appBar={OfficeAppBar}>{children}</RaLayout>;
