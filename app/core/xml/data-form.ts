/** XEP-0004 data forms: `<x xmlns='jabber:x:data'/>` into plain data, and the values a user filled back into XML. */
import { xml, type Element } from '@xmpp/xml';
import type { DataForm, DataFormField, DataFormFieldType, DataFormValues } from '../../shared/business.ts';

export const NS_DATA = 'jabber:x:data';

const FIELD_TYPES = new Set<DataFormFieldType>([
  'boolean', 'fixed', 'hidden', 'jid-multi', 'jid-single', 'list-multi', 'list-single', 'text-multi', 'text-private', 'text-single',
]);
/** Forms from the network are bounded: a hostile one cannot make the UI draw without end. */
const MAX_FIELDS = 200;
const MAX_VALUES = 500;
const MAX_ROWS = 1_000;
const MAX_TEXT = 10_000;

const text = (value: string | null | undefined): string | undefined => (value === null || value === undefined ? undefined : value.slice(0, MAX_TEXT));

function parseField(element: Element): DataFormField | null {
  const rawType = element.attrs.type ?? 'text-single'; // XEP-0004 §3.3: the default type
  const type = FIELD_TYPES.has(rawType as DataFormFieldType) ? (rawType as DataFormFieldType) : 'text-single';
  const name = element.attrs.var;
  if (type !== 'fixed' && (typeof name !== 'string' || name.length === 0)) return null;
  const label = text(element.attrs.label);
  const description = text(element.getChildText('desc'));
  return {
    ...(typeof name === 'string' && name.length > 0 ? { var: name.slice(0, 256) } : {}),
    type,
    ...(label !== undefined ? { label } : {}),
    ...(description !== undefined ? { description } : {}),
    required: element.getChild('required') !== undefined,
    values: element.getChildren('value').slice(0, MAX_VALUES).map((value) => value.text().slice(0, MAX_TEXT)),
    options: element
      .getChildren('option')
      .slice(0, MAX_VALUES)
      .map((option) => {
        const value = option.getChildText('value') ?? '';
        return { label: text(option.attrs.label) ?? value, value: value.slice(0, MAX_TEXT) };
      }),
  };
}

const fieldsOf = (parent: Element): DataFormField[] =>
  parent
    .getChildren('field')
    .slice(0, MAX_FIELDS)
    .map(parseField)
    .filter((field): field is DataFormField => field !== null);

/** The form, or null when `x` is not a data form. */
export function parseDataForm(x: Element | undefined): DataForm | null {
  if (x === undefined || x.name !== 'x' || x.attrs.xmlns !== NS_DATA) return null;
  const rawType = x.attrs.type ?? 'form';
  const type = rawType === 'result' || rawType === 'submit' || rawType === 'cancel' ? rawType : 'form';
  const title = text(x.getChildText('title'));
  const reported = x.getChild('reported');
  const columns = reported === undefined ? undefined : fieldsOf(reported);
  const rows =
    reported === undefined
      ? undefined
      : x
          .getChildren('item')
          .slice(0, MAX_ROWS)
          .map((item) => Object.fromEntries(fieldsOf(item).map((field) => [field.var ?? '', field.values])));
  return {
    type,
    ...(title !== undefined ? { title } : {}),
    instructions: x.getChildren('instructions').map((element) => element.text().slice(0, MAX_TEXT)),
    fields: fieldsOf(x),
    ...(columns !== undefined ? { columns } : {}),
    ...(rows !== undefined ? { rows } : {}),
  };
}

/**
 * The submission of `form` with the user's `values`: every named field of the form, with what the
 * user typed or else its default (hidden fields such as FORM_TYPE go back as they came).
 */
export function submitForm(form: DataForm, values: DataFormValues): Element {
  const fields = form.fields
    .filter((field) => field.var !== undefined && field.type !== 'fixed')
    .map((field) => {
      const name = field.var ?? '';
      const chosen = field.type === 'hidden' ? field.values : (values[name] ?? field.values);
      return xml('field', { var: name }, ...chosen.map((value) => xml('value', {}, value)));
    });
  return xml('x', { xmlns: NS_DATA, type: 'submit' }, ...fields);
}
