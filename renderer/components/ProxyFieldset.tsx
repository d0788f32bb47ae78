/** The proxy fields (type, server, port, user name, password), shared by sign-in and account settings. */
import { useId } from 'react';
import type { ProxyFields } from '../forms/sign-in.ts';
import { useT } from '../i18n/use-t.ts';

/** A control the policy locks: disabled, and described by the "Managed by your organisation" note. */
const lockedBy = (managedId: string | undefined) => (managedId === undefined ? {} : { disabled: true, 'aria-describedby': managedId });

export function ProxyFieldset({ proxy, onChange, passwordSaved = false, managedId }: {
  proxy: ProxyFields;
  onChange: (proxy: ProxyFields) => void;
  /** A proxy password is already saved: an empty field keeps it. */
  passwordSaved?: boolean;
  /** The organisation's policy sets the proxy: its type, server and port are locked (described by this element), its user name and password stay the user's. */
  managedId?: string;
}) {
  const t = useT();
  const id = useId();
  const set = (change: Partial<ProxyFields>) => onChange({ ...proxy, ...change });
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-proxy`}>{t('Proxy')}</label>
        <select id={`${id}-proxy`} {...lockedBy(managedId)} value={proxy.type} onChange={(event) => set({ type: event.target.value as ProxyFields['type'] })}>
          <option value="none">{t('None (direct connection)')}</option>
          <option value="socks5">SOCKS5</option>
          <option value="http">{t('HTTP (CONNECT)')}</option>
        </select>
      </div>
      {proxy.type !== 'none' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-proxy-host`}>{t('Proxy server')}</label>
            <input id={`${id}-proxy-host`} {...lockedBy(managedId)} type="text" autoCapitalize="none" spellCheck={false} value={proxy.host} onChange={(event) => set({ host: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-proxy-port`}>{t('Proxy port')}</label>
            <input id={`${id}-proxy-port`} {...lockedBy(managedId)} type="text" inputMode="numeric" value={proxy.port} onChange={(event) => set({ port: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-proxy-user`}>{t('Proxy user name')}</label>
            <input id={`${id}-proxy-user`} type="text" autoCapitalize="none" spellCheck={false} value={proxy.username} onChange={(event) => set({ username: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-proxy-password`}>{t('Proxy password')}</label>
            <input
              id={`${id}-proxy-password`}
              type="password"
              autoComplete="off"
              placeholder={passwordSaved ? t('Saved (leave empty to keep it)') : ''}
              value={proxy.password}
              onChange={(event) => set({ password: event.target.value })}
            />
          </div>
        </>
      )}
    </>
  );
}
