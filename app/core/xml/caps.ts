/** XEP-0115 capabilities in presence, and XEP-0030 disco#info results (with XEP-0128 forms), into plain data. */
import type { Element } from '@xmpp/xml';
import type { Identity } from '../features/disco/disco.ts';
import { NS } from './namespaces.ts';

export interface CapsAnnouncement {
  readonly node: string;
  readonly ver: string;
  readonly hash: string;
}

/** XEP-0128 extended information: one data form, by FORM_TYPE. */
export interface InfoForm {
  readonly formType: string;
  readonly fields: readonly { readonly name: string; readonly values: readonly string[] }[];
}

export interface DiscoInfo {
  readonly identities: readonly Identity[];
  readonly features: readonly string[];
  readonly forms: readonly InfoForm[];
}

const MAX_TEXT = 1024;

export function parseCapsAnnouncement(presence: Element): CapsAnnouncement | null {
  const c = presence.getChild('c', NS.caps);
  const { node, ver, hash } = c?.attrs ?? {};
  if (typeof node !== 'string' || typeof ver !== 'string' || typeof hash !== 'string' || ver === '' || ver.length > 128) return null;
  return { node: node.slice(0, MAX_TEXT), ver, hash: hash.toLowerCase() };
}

export function parseDiscoInfo(query: Element): DiscoInfo {
  const identities = query.getChildren('identity').map((identity): Identity => ({
    category: identity.attrs.category ?? '',
    type: identity.attrs.type ?? '',
    name: identity.attrs.name ?? '',
    ...(identity.attrs['xml:lang'] !== undefined ? { lang: identity.attrs['xml:lang'] } : {}),
  }));
  const features = query.getChildren('feature').map((feature) => feature.attrs.var ?? '');
  const forms = query.getChildren('x', NS.dataForms).filter((form) => form.attrs.type === 'result').map((form): InfoForm => {
    const fields = form.getChildren('field').map((field) => ({ name: field.attrs.var ?? '', values: field.getChildren('value').map((value) => value.text()) }));
    return {
      formType: fields.find((field) => field.name === 'FORM_TYPE')?.values[0] ?? '',
      fields: fields.filter((field) => field.name !== 'FORM_TYPE'),
    };
  });
  return { identities, features, forms };
}
