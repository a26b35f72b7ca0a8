import { forwardRef } from 'react';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import { Link } from 'react-router-dom';
import { useTranslate, useUserMenu } from 'react-admin';

/** パスワードの変更 in the app bar's user menu (react-admin's pattern for a menu item that leads to a page). */
export const ChangePasswordMenuItem = forwardRef<HTMLAnchorElement>(function ChangePasswordMenuItem(props, ref) {
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem {...props} ref={ref} component={Link} to="/account/password" onClick={() => userMenu?.onClose()} data-testid="menu-change-password">
      <ListItemIcon>
        <KeyIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('review.users.changePassword.menu')}</ListItemText>
    </MenuItem>
  );
});
