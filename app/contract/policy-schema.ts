/**
 * The schema of the organisation's policy file (app/shared/policy.ts says what each setting locks).
 * Strict: an unknown key is an error, so a misspelt lock is never silently ignored. The messages name the
 * setting (`proxy.port: …`) so an administrator can fix the file from the message alone.
 */
import { z } from 'zod';
import type { Result } from '../shared/contract.ts';
import { fail, ok } from '../shared/result.ts';

/** A host name or IP address, as the account settings accept one. */
const host = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(253, 'is too long for a host name')
  .regex(/^[^\s/@:]+$|^\[?[0-9A-Fa-f:.]+\]?$/u, 'must be a host name or an IP address (no spaces, slashes or "@")');
const port = z.number('must be a number').int('must be a whole number').min(1, 'must be from 1 to 65535').max(65535, 'must be from 1 to 65535');

const proxy = z.strictObject({
  type: z.enum(['socks5', 'http'], 'must be "socks5" or "http"'),
  host,
  port,
});

const updates = z.strictObject({
  enabled: z.boolean('must be true or false').default(true),
  channel: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/u, 'must be a channel name such as "latest" or "beta"').optional(),
  url: z.url({ protocol: /^https?$/u, error: 'must be an http(s) address of an update server' }).optional(),
});

export const policyFileSchema = z
  .strictObject({
    /** For editors that validate against a JSON schema; ignored. */
    $schema: z.string().optional(),
    domain: host.transform((value) => value.toLowerCase()).optional(),
    server: host.optional(),
    port: port.optional(),
    otherAccounts: z.boolean('must be true or false').default(true),
    certificateAuthority: z.string().includes('-----BEGIN CERTIFICATE-----', 'must be a certificate in PEM form').optional(),
    /** A PEM file, absolute or relative to the policy file. */
    certificateAuthorityFile: z.string().min(1, 'must name a file').optional(),
    proxy: z.union([z.null(), proxy], 'must be null (a direct connection) or { "type", "host", "port" }').optional(),
    savePasswords: z.boolean('must be true or false').default(true),
    fileUpload: z.boolean('must be true or false').default(true),
    updates: updates.optional(),
  })
  .superRefine((policy, context) => {
    const needsDomain = (key: string, why: string): void => {
      if (policy.domain === undefined) context.addIssue({ code: 'custom', path: [key], message: `needs "domain" (${why})` });
    };
    if (!policy.otherAccounts) needsDomain('otherAccounts', 'the only domain accounts may be on');
    if (policy.server !== undefined) needsDomain('server', 'the accounts it is the server of');
    if (policy.port !== undefined) needsDomain('port', 'the accounts it is the port of');
    if (policy.certificateAuthority !== undefined || policy.certificateAuthorityFile !== undefined) needsDomain('certificateAuthority', 'the accounts it is the only authority of');
    if (policy.certificateAuthority !== undefined && policy.certificateAuthorityFile !== undefined) {
      context.addIssue({ code: 'custom', path: ['certificateAuthorityFile'], message: 'give either "certificateAuthority" or "certificateAuthorityFile", not both' });
    }
  });

export type PolicyFile = z.output<typeof policyFileSchema>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      return where === '' ? issue.message : `${where}: ${issue.message}`;
    })
    .join('; ');
}

/** The file's text checked against the schema; a failure is `policy-invalid` with what is wrong, setting by setting. */
export function parsePolicyText(text: string): Result<PolicyFile> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('policy-invalid', `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('policy-invalid', 'it must hold one JSON object ({ … })');
  const parsed = policyFileSchema.safeParse(json);
  return parsed.success ? ok(parsed.data) : fail('policy-invalid', describeIssues(parsed.error));
}
