/**
 * A XEP-0004 data form from a server, drawn as ordinary labelled controls (text from the network
 * is shown as text, never as HTML). The values live with the caller, by field name.
 */
import { useId } from 'react';
import type { DataForm, DataFormField, DataFormValues } from '../../app/shared/contract.ts';
import { useT } from '../i18n/use-t.ts';

const valuesOf = (field: DataFormField, values: DataFormValues): readonly string[] => values[field.var ?? ''] ?? field.values;

/** Where the form starts: every field's own default. */
export function initialValues(form: DataForm): DataFormValues {
  return Object.fromEntries(form.fields.filter((field) => field.var !== undefined && field.type !== 'fixed').map((field) => [field.var ?? '', field.values]));
}

export function DataFormView({ form, values, onChange }: { form: DataForm; values: DataFormValues; onChange: (values: DataFormValues) => void }) {
  const t = useT();
  const id = useId();
  const set = (field: DataFormField, next: readonly string[]) => onChange({ ...values, [field.var ?? '']: next });
  return (
    <div className="data-form">
      {form.instructions.map((text, index) => (
        <p key={index} className="note">
          {text}
        </p>
      ))}
      {form.fields.map((field, index) => {
        const key = `${field.var ?? 'fixed'}-${index}`;
        const controlId = `${id}-${index}`;
        const label = field.required ? t('{{label}} (required)', { label: field.label ?? field.var ?? '' }) : (field.label ?? field.var ?? '');
        const current = valuesOf(field, values);
        switch (field.type) {
          case 'hidden':
            return null;
          case 'fixed':
            return (
              <p key={key} className="data-form-fixed">
                {field.values.join('\n')}
              </p>
            );
          case 'boolean':
            return (
              <label key={key} className="check">
                <input type="checkbox" checked={current[0] === '1' || current[0] === 'true'} onChange={(event) => set(field, [event.target.checked ? '1' : '0'])} />
                {label}
              </label>
            );
          case 'list-single':
            return (
              <div key={key} className="field">
                <label htmlFor={controlId}>{label}</label>
                <select id={controlId} value={current[0] ?? ''} onChange={(event) => set(field, [event.target.value])}>
                  {!field.required && <option value="">—</option>}
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
            );
          case 'list-multi':
            return (
              <fieldset key={key} className="field">
                <legend>{label}</legend>
                {field.options.map((option) => (
                  <label key={option.value} className="check">
                    <input
                      type="checkbox"
                      checked={current.includes(option.value)}
                      onChange={(event) => set(field, event.target.checked ? [...current, option.value] : current.filter((value) => value !== option.value))}
                    />
                    {option.label}
                  </label>
                ))}
              </fieldset>
            );
          case 'text-multi':
          case 'jid-multi':
            return (
              <div key={key} className="field">
                <label htmlFor={controlId}>{label}</label>
                <textarea id={controlId} rows={3} value={current.join('\n')} onChange={(event) => set(field, event.target.value.split('\n'))} />
                {field.description !== undefined && <p className="note">{field.description}</p>}
              </div>
            );
          default:
            return (
              <div key={key} className="field">
                <label htmlFor={controlId}>{label}</label>
                <input
                  id={controlId}
                  type={field.type === 'text-private' ? 'password' : 'text'}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  value={current[0] ?? ''}
                  onChange={(event) => set(field, [event.target.value])}
                />
                {field.description !== undefined && <p className="note">{field.description}</p>}
              </div>
            );
        }
      })}
    </div>
  );
}
