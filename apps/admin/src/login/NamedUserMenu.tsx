import { AppBar, LoadingIndicator, Logout, ToggleThemeButton, UserMenu, useGetIdentity, useThemesContext, type AppBarProps } from 'react-admin';
import { LanguageMenu } from './LanguageMenu';
import { ChangePasswordMenuItem } from '../users/ChangePasswordMenuItem';

/**
 * The user menu whose button is named by what it shows (「編集者 一郎 (editor)」): react-admin labels it 「プロフィール」
 * while it shows the person's name, and a speech-input user saying what they see could not reach it
 * (WCAG 2.5.3, axe's label-content-name-mismatch). The menu holds パスワードの変更 (every signed-in person may change
 * their own) and react-admin's own ログアウト.
 */
export const NamedUserMenu = () => {
  const { identity } = useGetIdentity();
  return (
    <UserMenu label={identity?.fullName ? String(identity.fullName) : undefined}>
      <ChangePasswordMenuItem />
      <Logout />
    </UserMenu>
  );
};

/**
 * On a phone the language button shows only its icon (its name stays its accessible name), so that the screen's
 * title keeps the room it needs (「公開内容のプレビュー」 was cut to 「公開内容の」 at 390 px).
 */
const phoneAppBarSx = {
  '@media (max-width: 599.95px)': {
    // react-admin's LocalesMenuButton has no class of its own: its button is the one that opens the language menu.
    '& button[aria-controls="simple-menu"]': { fontSize: 0, minWidth: 0, px: 1 },
    '& button[aria-controls="simple-menu"] .MuiButton-startIcon': { mr: 0 },
    '& button[aria-controls="simple-menu"] .MuiButton-endIcon': { display: 'none' },
    // A long title (「公開内容のプレビュー」) in a slightly smaller type, ending in … rather than under the buttons.
    // react-admin puts the page's title in an inline-block of its own (RaConfigurable-root), which an ellipsis of
    // the title does not cut: it is made a block that ends in … itself.
    '& #react-admin-title': { fontSize: '1.1rem', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
    '& #react-admin-title > *': { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  },
};

/** react-admin's toolbar, with a language menu that asks before a switch would empty a form (LanguageMenu.tsx). */
const OfficeToolbar = () => {
  const { darkTheme } = useThemesContext();
  return (
    <>
      <LanguageMenu />
      {darkTheme && <ToggleThemeButton />}
      <LoadingIndicator />
    </>
  );
};

/** react-admin's app bar with that user menu and toolbar. */
export const OfficeAppBar = (props: AppBarProps) => (
  <AppBar {...props} userMenu={<NamedUserMenu />} toolbar={<OfficeToolbar />} sx={{ ...phoneAppBarSx, ...(props.sx as object) }} />
);
