import { useState, type MouseEvent } from 'react';
import { Button, Menu, MenuItem } from '@mui/material';
import LanguageIcon from '@mui/icons-material/Translate';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Confirm, useLocaleState } from 'react-admin';
import { hasUnsavedChanges } from '../common/unsavedChanges';
import { LOCALES } from './texts';

/**
 * react-admin's language menu, which asks before switching while a form holds unsaved changes: the switch re-renders
 * the whole app and the form came back empty, a half-typed fee change lost without a word. Its button keeps
 * react-admin's look and aria-controls (the app bar's phone styles use it).
 */
export const LanguageMenu = () => {
  const [locale, setLocale] = useLocaleState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const current = LOCALES.find((l) => l.locale === locale)?.name ?? '';
  const choose = (next: string) => {
    setAnchor(null);
    if (next === locale) return;
    if (hasUnsavedChanges()) setAsking(next);
    else setLocale(next);
  };
  return (
    <span>
      <Button
        color="inherit"
        variant="text"
        aria-controls="simple-menu"
        aria-haspopup="true"
        onClick={(event: MouseEvent<HTMLElement>) => setAnchor(event.currentTarget)}
        startIcon={<LanguageIcon />}
        endIcon={<ExpandMoreIcon fontSize="small" />}
      >
        {current}
      </Button>
      <Menu id="simple-menu" anchorEl={anchor} keepMounted open={!!anchor} onClose={() => setAnchor(null)}>
        {LOCALES.map((l) => (
          // Each language is named in itself (日本語, English), with its language for screen readers.
          <MenuItem key={l.locale} lang={l.locale} onClick={() => choose(l.locale)} selected={l.locale === locale}>
            {l.name}
          </MenuItem>
        ))}
      </Menu>
      <Confirm
        isOpen={asking !== null}
        title="app.language.unsavedTitle"
        content="app.language.unsavedContent"
        confirm="app.language.switch"
        onConfirm={() => {
          if (asking) setLocale(asking);
          setAsking(null);
        }}
        onClose={() => setAsking(null)}
      />
    </span>
  );
};
