import { AppBar, UserMenu, useGetIdentity, type AppBarProps } from 'react-admin';

/**
 * The user menu whose button is named by what it shows (「編集者 一郎 (editor)」): react-admin labels it 「プロフィール」
 * while it shows the person's name, and a speech-input user saying what they see could not reach it
 * (WCAG 2.5.3, axe's label-content-name-mismatch). The menu keeps react-admin's own items (ログアウト).
 */
export const NamedUserMenu = () => {
  const { identity } = useGetIdentity();
  return <UserMenu label={identity?.fullName ? String(identity.fullName) : undefined} />;
};

/** react-admin's app bar with that user menu. */
export const OfficeAppBar = (props: AppBarProps) => <AppBar {...props} userMenu={<NamedUserMenu />} />;
