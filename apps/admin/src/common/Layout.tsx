import type { ReactNode } from 'react';
import { Layout as RaLayout, Menu } from 'react-admin';
import ReviewIcon from '@mui/icons-material/RateReview';
import PreviewIcon from '@mui/icons-material/Visibility';

const AppMenu = () => (
  <Menu>
    <Menu.ResourceItems />
    <Menu.Item to="/reviews" primaryText="レビュー待ち" leftIcon={<ReviewIcon />} />
    <Menu.Item to="/preview" primaryText="公開内容のプレビュー" leftIcon={<PreviewIcon />} />
  </Menu>
);

export const Layout = ({ children }: { children: ReactNode }) => <RaLayout menu={AppMenu}>{children}</RaLayout>;
