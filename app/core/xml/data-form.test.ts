import { describe, expect, it } from 'vitest';
import { parseDataForm, submitForm } from './data-form.ts';
import { parseStanzaXml } from './parse-xml.ts';

const x = (inner: string, type = 'form') => parseStanzaXml(`<x xmlns='jabber:x:data' type='${type}'>${inner}</x>`);

describe('data forms (XEP-0004)', () => {
  it('reads fields of every type with labels, defaults, options and required marks', () => {
    const form = parseDataForm(
      x(`<title>Add user</title><instructions>Fill in the form</instructions>
        <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>
        <field type='fixed'><value>Section</value></field>
        <field var='accountjid' type='jid-single' label='The Jabber ID'><required/><desc>user@host</desc></field>
        <field var='notify' type='boolean' label='Notify'><value>1</value></field>
        <field var='color' type='list-single' label='Colour'><option label='Red'><value>r</value></option><option><value>g</value></option></field>
        <field var='odd' type='made-up'/><field label='no name'/>`),
    );
    expect(form).toMatchObject({ type: 'form', title: 'Add user', instructions: ['Fill in the form'] });
    expect(form?.fields.map((field) => [field.var, field.type, field.required])).toEqual([
      ['FORM_TYPE', 'hidden', false], [undefined, 'fixed', false], ['accountjid', 'jid-single', true], ['notify', 'boolean', false], ['color', 'list-single', false], ['odd', 'text-single', false],
    ]);
    expect(form?.fields[2]).toMatchObject({ label: 'The Jabber ID', description: 'user@host' });
    expect(form?.fields[4]?.options).toEqual([{ label: 'Red', value: 'r' }, { label: 'g', value: 'g' }]);
  });

  it('reads a result table: the reported columns and one row per item', () => {
    const form = parseDataForm(
      x(`<reported><field var='jid' label='JID'/><field var='nick' label='Nick'/></reported>
         <item><field var='jid'><value>a@x</value></field><field var='nick'><value>A</value></field></item>
         <item><field var='jid'><value>b@x</value></field></item>`, 'result'),
    );
    expect(form?.columns?.map((column) => column.label)).toEqual(['JID', 'Nick']);
    expect(form?.rows).toEqual([{ jid: ['a@x'], nick: ['A'] }, { jid: ['b@x'] }]);
  });

  it('submits what the user filled in, defaults otherwise, hidden fields as they came, never fixed ones', () => {
    const form = parseDataForm(
      x(`<field var='FORM_TYPE' type='hidden'><value>urn:x</value></field><field type='fixed'><value>t</value></field>
         <field var='a'><value>default</value></field><field var='b' type='text-multi'/>`),
    );
    if (form === null) throw new Error('no form');
    const submitted = submitForm(form, { a: ['typed'], b: ['line 1', 'line 2'], FORM_TYPE: ['forged'] });
    expect(submitted.attrs).toMatchObject({ xmlns: 'jabber:x:data', type: 'submit' });
    expect(submitted.getChildren('field').map((field) => [field.attrs.var, field.getChildren('value').map((value) => value.text())])).toEqual([
      ['FORM_TYPE', ['urn:x']], ['a', ['typed']], ['b', ['line 1', 'line 2']],
    ]);
    expect(submitForm(form, {}).getChildren('field').find((field) => field.attrs.var === 'a')?.getChildText('value')).toBe('default');
  });

  it('is not fooled by other elements and bounds hostile forms', () => {
    expect(parseDataForm(parseStanzaXml(`<x xmlns='jabber:x:oob'/>`))).toBeNull();
    expect(parseDataForm(undefined)).toBeNull();
    const many = Array.from({ length: 1_000 }, (_, i) => `<field var='f${i}'/>`).join('');
    expect(parseDataForm(x(many))?.fields).toHaveLength(200);
  });
});
