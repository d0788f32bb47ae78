/**
 * The colour scheme in effect, on the document root as data-scheme="light|dark": the theme chosen in
 * Settings (data-theme, set by settings.ts), with "system" resolved through prefers-color-scheme (which
 * follows nativeTheme in Electron). styles.css defines the dark palette once, for data-scheme="dark".
 */
import type { Unsubscribe } from '../../app/shared/contract.ts';

export type Scheme = 'light' | 'dark';

/** The scheme for a theme setting, given whether the system prefers dark. */
export function schemeFor(theme: string | undefined, systemDark: boolean): Scheme {
  if (theme === 'dark') return 'dark';
  if (theme === 'light') return 'light';
  return systemDark ? 'dark' : 'light';
}

export function bindColorScheme(root: HTMLElement | undefined = globalThis.document?.documentElement): Unsubscribe {
  if (root === undefined || typeof globalThis.matchMedia !== 'function') return () => undefined;
  const query = globalThis.matchMedia('(prefers-color-scheme: dark)');
  const apply = (): void => {
    const scheme = schemeFor(root.dataset.theme, query.matches);
    if (root.dataset.scheme !== scheme) root.dataset.scheme = scheme;
  };
  apply();
  query.addEventListener('change', apply);
  const observer = new MutationObserver(apply);
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  return () => {
    query.removeEventListener('change', apply);
    observer.disconnect();
  };
}
