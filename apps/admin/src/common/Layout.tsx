import type { ReactNode } from 'react';
import { Layout as RaLayout, Menu, useTranslate } from 'react-admin';
import ReviewIcon from '@mui/icons-material/RateReview';
import PreviewIcon from '@mui/icons-material/Visibility';

const AppMenu = () => {
  const translate = useTranslate();
  return (
    <Menu>
      <Menu.ResourceItems />
      <Menu.Item to="/reviews" primaryText={translate('app.menu.reviews')} leftIcon={<ReviewIcon />} />
      <Menu.Item to="/preview" primaryText={translate('app.menu.preview')} leftIcon={<PreviewIcon />} />
    </Menu>
  );
};

export const Layout = ({ children }: { children: ReactNode }) => <RaLayout menu={AppMenu}>{children}</RaLayout>;
