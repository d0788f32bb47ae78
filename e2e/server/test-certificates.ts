// A per-run test CA and a server certificate it signs, made with the openssl CLI. Shared by the test servers
// (ejabberd.ts uses it; prosody.ts has its own copy of the same steps and could switch to this module).
//
// Keys are EC P-256 in PKCS#8 PEM ("BEGIN PRIVATE KEY"), unencrypted; both certificates are valid for a few days.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface TestCertificateOptions {
  /** The server's name: the certificate's CN and first subjectAltName, e.g. "example.test". */
  domain: string;
  /** More DNS subjectAltNames. Default: `*.<domain>`. */
  altNames?: string[];
  /** The CA's common name. Default "Jabber Test CA". */
  caName?: string;
  /** Validity of both certificates in days. Default 3. */
  days?: number;
  /**
   * Sign with this existing CA (e.g. one CA for every server of a federation lab) instead of making a new one;
   * `caCertFile`/`caKeyFile` are then these files.
   */
  ca?: { certFile: string; keyFile: string };
  /** A self-signed server certificate, signed by no CA (`caCertFile` is then the certificate itself). */
  selfSigned?: boolean;
  /**
   * Also usable as a TLS client certificate (extendedKeyUsage clientAuth): what a server presents when it opens
   * a server-to-server connection. Default false (serverAuth only).
   */
  clientAuth?: boolean;
}

/** Makes only a CA (`ca.crt`, `ca.key` in `dir`), to sign several servers' certificates with `ca:`. */
export async function makeTestCa(dir: string, caName = 'Jabber Test CA', days = 3): Promise<{ certFile: string; keyFile: string; pem: string }> {
  await mkdir(dir, { recursive: true });
  const certFile = join(dir, 'ca.crt');
  const keyFile = join(dir, 'ca.key');
  await openssl(['req', '-x509', ...EC_KEY, '-keyout', keyFile, '-out', certFile, '-days', String(days),
    '-subj', `/CN=${caName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return { certFile, keyFile, pem: await readFile(certFile, 'utf8') };
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export interface TestCertificates {
  caCertFile: string;
  caKeyFile: string;
  /** The server certificate alone (not the chain). */
  certFile: string;
  keyFile: string;
  /** PEM of the CA certificate: what clients must trust. */
  caCertPem: string;
}

/**
 * Writes `ca.crt`, `ca.key`, `<domain>.crt` and `<domain>.key` into `dir` (created if missing) and returns
 * their paths and the CA's PEM. Needs `openssl` on PATH.
 */
export async function makeTestCertificates(dir: string, options: TestCertificateOptions): Promise<TestCertificates> {
  const { domain } = options;
  const days = String(options.days ?? 3);
  const names = [domain, ...(options.altNames ?? [`*.${domain}`])];
  await mkdir(dir, { recursive: true });
  const certFile = join(dir, `${domain}.crt`);
  const keyFile = join(dir, `${domain}.key`);
  const sanList = [...new Set(names)].map((name) => `DNS:${name}`).join(',');
  const usage = `extendedKeyUsage=serverAuth${options.clientAuth === true ? ',clientAuth' : ''}`;
  const ec = EC_KEY;
  if (options.selfSigned === true) {
    await openssl(['req', '-x509', ...ec, '-keyout', keyFile, '-out', certFile, '-days', days, '-subj', `/CN=${domain}`,
      '-addext', `subjectAltName=${sanList}`, '-addext', usage]);
    return { caCertFile: certFile, caKeyFile: keyFile, certFile, keyFile, caCertPem: await readFile(certFile, 'utf8') };
  }
  const files = {
    caCertFile: options.ca?.certFile ?? join(dir, 'ca.crt'),
    caKeyFile: options.ca?.keyFile ?? join(dir, 'ca.key'),
    certFile,
    keyFile,
  };
  if (options.ca === undefined) {
    await openssl(['req', '-x509', ...ec, '-keyout', files.caKeyFile, '-out', files.caCertFile, '-days', days,
      '-subj', `/CN=${options.caName ?? 'Jabber Test CA'}`,
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  }
  const csr = join(dir, `${domain}.csr`);
  const ext = join(dir, `${domain}.ext`);
  await openssl(['req', '-new', ...ec, '-keyout', files.keyFile, '-out', csr, '-subj', `/CN=${domain}`]);
  await writeFile(ext, [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    usage,
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid,issuer',
    `subjectAltName=${sanList}`,
    '',
  ].join('\n'));
  await openssl(['x509', '-req', '-in', csr, '-CA', files.caCertFile, '-CAkey', files.caKeyFile,
    '-set_serial', `0x${randomBytes(16).toString('hex')}`, '-days', days, '-extfile', ext, '-out', files.certFile]);
  await Promise.all([rm(csr), rm(ext)]);
  return { ...files, caCertPem: await readFile(files.caCertFile, 'utf8') };
}

function openssl(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => { output += chunk.toString(); };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT'
        ? new Error('openssl is not installed: run `apt-get install -y openssl`', { cause: error })
        : error);
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`openssl ${args.join(' ')} failed (${signal ?? `exit code ${code}`}):\n${output}`));
    });
  });
}
