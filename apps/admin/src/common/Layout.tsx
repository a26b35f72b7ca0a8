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

/**
 * The page is as wide as the window: react-admin lets its layout grow to its widest child (`minWidth: fit-content`),
 * so one wide table or chart made the whole page scroll sideways, on a phone and at 1440 px alike (the fee form, the
 * version list in English). The content column may shrink (`minWidth: 0`), and such a part scrolls in its own box
 * (TableContainer, DataTable, the timeline) or is laid out for the narrow screen.
 */
const layoutSx = { minWidth: 0, '& .RaLayout-content': { minWidth: 0 } };

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout menu={AppMenu} appBar={OfficeAppBar} sx={layoutSx}>
    {children}
  </RaLayout>
);
