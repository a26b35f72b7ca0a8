import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

/**
 * react-admin's default light theme with colours that reach WCAG 2.1 AA (4.5:1): its app bar blue #2196f3 gave 3.1:1
 * under white text, MUI's primary #1976d2 about 4.1:1 on grey rows and filled inputs, its orange (warning) 3.1:1 and
 * light blue (info) 4.0:1 on filled chips and badges. The hues stay, only darker. Dark mode keeps react-admin's theme.
 */
/**
 * A list wider than the window (many columns, long words in English) scrolls inside its own card, so that the page
 * itself never scrolls sideways (common/Layout.tsx lets the content column shrink to the window).
 */
const listsScrollInTheirCard = {
  RaList: { styleOverrides: { root: { '& .RaList-main': { minWidth: 0 }, '& .RaList-content': { overflowX: 'auto' } } } },
};

export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  components: { ...defaultLightTheme.components, ...listsScrollInTheirCard },
  palette: {
    ...defaultLightTheme.palette,
    primary: { light: '#5e92f3', main: '#1565c0', dark: '#003c8f', contrastText: '#fff' }, // links and outlined buttons on grey rows
    secondary: { light: '#5e92f3', main: '#1565c0', dark: '#003c8f', contrastText: '#fff' }, // 5.8:1 on white
    warning: { light: '#e65100', main: '#b34700', dark: '#8a3700', contrastText: '#fff' }, // 5.0:1
    info: { light: '#0277bd', main: '#01579b', dark: '#003c6c', contrastText: '#fff' }, // 7.3:1
  },
};

export const darkTheme: RaThemeOptions = { ...defaultDarkTheme, components: { ...defaultDarkTheme.components, ...listsScrollInTheirCard } };
