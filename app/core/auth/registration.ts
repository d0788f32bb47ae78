/**
 * XEP-0077 In-Band Registration: create an account on a server that allows it (over the same
 * verified, encrypted stream as a sign-in, before any authentication), and change the password of
 * a signed-in account.
 */
import { phrase } from '../../shared/phrase.ts';
import { xml, type Element } from '@xmpp/xml';
import { awaitIq, withSecureStream, type ConnectOptions } from '../stream/connection.ts';
import { coreError, CoreError, serverSaid } from '../errors.ts';
import type { IqRouter } from '../session/iq.ts';

export const NS_REGISTER = 'jabber:iq:register';
const NS_DATA_FORMS = 'jabber:x:data';

const REGISTRATION_ERRORS: Record<string, string> = {
  conflict: 'This user name is already taken on the server. Choose another one.',
  'not-acceptable': 'The server did not accept this user name or password (it may be too short or contain characters it does not allow).',
  'not-allowed': 'The server does not allow creating accounts from here, or not this often. Ask its administrator, or try again later.',
  'resource-constraint': 'The server is too busy to create accounts right now. Try again later.',
  'service-unavailable': 'This server does not allow creating accounts in the app. Create one on its website or ask its administrator.',
  'feature-not-implemented': 'This server does not allow creating accounts in the app. Create one on its website or ask its administrator.',
  'bad-request': 'The server rejected the registration request.',
  'not-authorized': 'The server refused to change the password: you are not allowed to.',
};

function registrationFailure(condition: string): CoreError {
  return coreError('registration-failed', REGISTRATION_ERRORS[condition] ?? phrase('The server refused ({{condition}}).', { condition }), { condition });
}

function conditionOf(error: unknown): string | null {
  return error instanceof CoreError && error.appError.code === 'stream-error' ? (error.appError.condition ?? null) : null;
}

/** Registration forms with fields we cannot fill (CAPTCHAs, e-mail confirmation…) are refused with a clear message. */
function checkFields(query: Element | undefined): void {
  if (query === undefined) throw registrationFailure('service-unavailable');
  if (query.getChild('registered') !== undefined) throw registrationFailure('conflict');
  const form = query.getChild('x', NS_DATA_FORMS);
  const required = form
    ? form.getChildren('field').filter((field) => field.getChild('required') !== undefined).map((field) => field.attrs.var ?? '')
    : query.getChildElements().map((child) => child.name).filter((name) => name !== 'instructions');
  const unsupported = required.filter((name) => !['username', 'password', 'FORM_TYPE'].includes(name));
  if (unsupported.length > 0) {
    const instructions = query.getChildText('instructions')?.trim();
    throw coreError(
      'registration-failed',
      serverSaid(phrase('This server asks for more than a user name and password ({{fields}}), which the app cannot provide yet.', { fields: unsupported.join(', ') }), instructions),
      { condition: 'unsupported-fields' },
    );
  }
}

/** Creates `options.account` with `options.password` on its server. */
export async function registerAccount(options: ConnectOptions): Promise<void> {
  const { local, domain } = options.account;
  await withSecureStream(options, async ({ entity, queue }) => {
    // Servers need not advertise the registration stream feature (XEP-0077 §8): the request itself tells.
    try {
      await entity.send(xml('iq', { type: 'get', id: 'reg-1', to: domain }, xml('query', { xmlns: NS_REGISTER })));
      checkFields((await awaitIq(queue, 'reg-1', options.stepTimeoutMs)).getChild('query', NS_REGISTER));
      await entity.send(
        xml('iq', { type: 'set', id: 'reg-2', to: domain }, xml('query', { xmlns: NS_REGISTER }, xml('username', {}, local), xml('password', {}, options.password))),
      );
      await awaitIq(queue, 'reg-2', options.stepTimeoutMs);
    } catch (error) {
      const condition = conditionOf(error);
      throw condition === null ? error : registrationFailure(condition);
    }
    await entity.stop().catch(() => {});
  });
}

/** Changes the password of the signed-in account (XEP-0077 §3.3). */
export async function changePassword(iq: IqRouter, account: { local: string; domain: string }, newPassword: string, timeoutMs: number): Promise<void> {
  try {
    await iq.request('set', xml('query', { xmlns: NS_REGISTER }, xml('username', {}, account.local), xml('password', {}, newPassword)), account.domain, timeoutMs);
  } catch (error) {
    const condition = conditionOf(error);
    throw condition === null ? error : registrationFailure(condition);
  }
}
