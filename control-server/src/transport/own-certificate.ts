import crypto from 'node:crypto';
import fs from 'node:fs';

/** A certificate file the organiser named cannot be used: said plainly at start, not as a stack trace. */
export class CertificateFileError extends Error {}

/** TLS_CERT_FILE and TLS_KEY_FILE, resolved. */
export interface CertificateFiles {
  certFile: string;
  keyFile: string;
}

/**
 * The organiser's own certificate for their own domain (e.g. from Let's Encrypt): phones trust it
 * already, so they need no hall root. Checked before the server listens — a file that cannot be read,
 * is not PEM, has expired or does not belong to the key would otherwise surface only as phones
 * failing the TLS handshake in the hall.
 */
export function ownCertificate(files: CertificateFiles): { key: string; cert: string } {
  const cert = readPem('TLS_CERT_FILE', files.certFile);
  const key = readPem('TLS_KEY_FILE', files.keyFile);
  let x509: crypto.X509Certificate;
  try {
    // A full chain (leaf first, then intermediates) is fine: this reads the leaf, TLS sends them all.
    x509 = new crypto.X509Certificate(cert);
  } catch {
    throw new CertificateFileError(`TLS_CERT_FILE ${files.certFile}: это не сертификат в формате PEM.`);
  }
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(key);
  } catch {
    throw new CertificateFileError(
      `TLS_KEY_FILE ${files.keyFile}: это не закрытый ключ в формате PEM (или он защищён паролем).`,
    );
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new CertificateFileError(
      `TLS_KEY_FILE ${files.keyFile} не подходит к сертификату TLS_CERT_FILE ${files.certFile}: это ключ от другого сертификата.`,
    );
  }
  if (new Date(x509.validTo).getTime() <= Date.now()) {
    throw new CertificateFileError(
      `TLS_CERT_FILE ${files.certFile}: срок действия сертификата истёк (${x509.validTo}).`,
    );
  }
  return { key, cert };
}

function readPem(variable: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CertificateFileError(`${variable} ${file}: файл не читается (${code}).`);
  }
}
