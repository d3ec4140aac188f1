import { failuresIn } from '../failure.js';
import type { DatabaseTls } from './tls.js';

/** Node's words for a certificate no trusted CA signed. */
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_SIGNATURE_FAILURE',
]);

/**
 * Why a connection failed, in the organiser's words, when it failed over TLS (its certificate, its
 * absence, or a server that takes only encrypted connections); null for any other failure. The
 * original words follow in brackets for whoever searches them.
 */
export function whyTlsFailed(err: unknown, tls: DatabaseTls): string | null {
  const trusted =
    tls.rootCert === null || tls.rootCert === 'system'
      ? 'ни один из общедоступных центров сертификации Node.js (укажите sslrootcert=<файл центра провайдера>)'
      : `центр сертификации из sslrootcert=${tls.rootCert}`;
  for (const e of failuresIn(err)) {
    const said = e.message ?? '';
    const words = (() => {
      if (e.code && UNTRUSTED.has(e.code)) return `сертификат сервера не подписал ${trusted}`;
      if (e.code === 'ERR_TLS_CERT_ALTNAME_INVALID')
        return 'сертификат сервера выдан на другое имя: в DATABASE_URL должно стоять имя (или адрес) из сертификата (sslmode=verify-full сверяет его)';
      if (e.code === 'CERT_HAS_EXPIRED') return 'срок действия сертификата сервера истёк';
      if (e.code === 'CERT_NOT_YET_VALID') return 'сертификат сервера ещё не действует (проверьте часы)';
      if (said === 'The server does not support SSL connections')
        return `сервер не принимает TLS, а sslmode=${tls.mode} требует шифрования: включите ssl на сервере`;
      // PostgreSQL's pg_hba.conf admits this address only over TLS (hostssl) and the hub came in plain.
      if (e.code === '28000' && /no encryption/.test(said))
        return `сервер принимает только зашифрованные подключения (hostssl в pg_hba.conf), а в DATABASE_URL ${tls.mode === 'disable' ? 'sslmode=disable' : 'нет sslmode'}: укажите sslmode=verify-full&sslrootcert=<файл центра сертификации>`;
      return null;
    })();
    if (words) return `${words} (${said})`;
  }
  return null;
}
