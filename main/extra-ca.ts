/**
 * Company CAs from NODE_EXTRA_CA_CERTS, read explicitly.
 *
 * The packaged app turns the `nodeOptions` fuse off (Electron security checklist #19), and that
 * fuse also makes Electron ignore NODE_EXTRA_CA_CERTS. So the main process reads the file itself
 * and hands its certificates to the core as `trustedCertificates` (trusted for every sign-in, in
 * addition to the system store, which already covers CAs installed in the OS). Pure apart from the
 * injected file reader, so it is unit-tested in plain Node.
 */
import { readFileSync } from 'node:fs';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+?-----END CERTIFICATE-----/gu;

/** Every PEM certificate block in a text, normalized to `\n` line ends. */
export function splitPemCertificates(text: string): string[] {
  return [...text.matchAll(PEM_CERTIFICATE)].map((match) => `${match[0].replace(/\r\n/gu, '\n')}\n`);
}

export interface ExtraCaResult {
  readonly certificates: string[];
  /** A line for the log when the variable is set but unusable; null otherwise. */
  readonly warning: string | null;
}

export function readExtraCaCertificates(
  env: Readonly<Record<string, string | undefined>> = process.env,
  readText: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): ExtraCaResult {
  const file = env['NODE_EXTRA_CA_CERTS'];
  if (file === undefined || file.trim() === '') return { certificates: [], warning: null };
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { certificates: [], warning: `NODE_EXTRA_CA_CERTS: cannot read ${file} (${reason}); no extra CAs are trusted.` };
  }
  const certificates = splitPemCertificates(text);
  return {
    certificates,
    warning: certificates.length === 0 ? `NODE_EXTRA_CA_CERTS: ${file} holds no PEM certificate; no extra CAs are trusted.` : null,
  };
}
