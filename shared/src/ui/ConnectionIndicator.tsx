import type { ConnectionStatus } from '../client/showClient.js';
import type { Key } from '../i18n/index.js';
import { useT } from './i18n.js';
import { useShow } from './ShowClientProvider.js';

const LABEL: Record<ConnectionStatus, Key> = {
  online: 'conn.online',
  connecting: 'conn.connecting',
  offline: 'conn.offline',
  unauthorized: 'conn.offline',
  mismatch: 'conn.mismatch',
};

/** A small pill with a coloured dot: is this device talking to the control-server right now? */
export function ConnectionIndicator({ className = '' }: { className?: string }) {
  const t = useT();
  const connection = useShow((s) => s.connection);
  return (
    <span
      className={`cer-conn cer-conn--${connection} ${className}`}
      data-testid="connection"
      data-status={connection}
      role="status"
    >
      <span className="cer-conn__dot" aria-hidden="true" />
      {t(LABEL[connection])}
    </span>
  );
}
