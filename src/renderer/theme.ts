// The wizard follows the theme chosen in Preferences. 'system' leaves the page to
// prefers-color-scheme; 'light'/'dark' pin `color-scheme` on the root, which every colour in
// styles.css reads through light-dark().
import type { Theme } from '../shared/settings.js';

export function applyTheme(doc: Document, theme: Theme): void {
  const root = doc.documentElement;
  if (theme === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = theme;
}
