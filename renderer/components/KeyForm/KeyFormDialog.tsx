import { useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { fieldOf, messageFor } from '../../api/errors';
import type { KeySummary } from '../../api/types';
import { ENV_VAR_HINT_PATTERN, suggestEnvVar } from '../../format/env-var';
import { Dialog } from '../Dialog/Dialog';
import { DialogButtons } from '../Dialog/DialogButtons';
import { ErrorNotice } from '../Field/ErrorNotice';
import { Field } from '../Field/Field';
import { TagInput } from '../TagInput/TagInput';
import { envVarFollowsName, initialValues, isFormField, toCreateArgs, toUpdateArgs, type FormField, type KeyFormValues } from './key-form-values';
import { SecretInput } from './SecretInput';

export interface KeyFormDialogProps {
  /** The key to edit; without one the form adds a key. */
  editing?: KeySummary;
  knownTags: string[];
  onSaved: (key: KeySummary) => void;
  onClose: () => void;
}

/**
 * Add or edit a key. Validation is the vault's: a refused field comes back as INVALID_ARGUMENT with
 * its name, and the message is shown under that field, which gets focus.
 */
export function KeyFormDialog({ editing, knownTags, onSaved, onClose }: KeyFormDialogProps) {
  const [values, setValues] = useState<KeyFormValues>(() => initialValues(editing));
  const [envVarFollows, setEnvVarFollows] = useState(() => envVarFollowsName(editing));
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const formId = useId();
  const idOf = (field: FormField) => `${formId}-${field}`;

  const set = <F extends keyof KeyFormValues>(field: F, value: KeyFormValues[F]) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (isFormField(field)) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const onNameChange = (name: string) => {
    setValues((current) => ({ ...current, name, envVar: envVarFollows ? suggestEnvVar(name) : current.envVar }));
    setErrors((current) => ({ ...current, name: undefined, envVar: envVarFollows ? undefined : current.envVar }));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFormError(null);
    const result = editing ? await call('updateKey', toUpdateArgs(editing, values)) : await call('createKey', toCreateArgs(values));
    setBusy(false);
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    const field = fieldOf(result.error);
    const message = messageFor(result.error);
    if (isFormField(field)) {
      setErrors({ [field]: message });
      document.getElementById(idOf(field))?.focus();
    } else {
      setFormError(message);
    }
  };

  const envVarHint =
    values.envVar && !ENV_VAR_HINT_PATTERN.test(values.envVar)
      ? 'Use letters, digits and _, starting with a letter or _.'
      : envVarFollows && values.envVar
        ? 'Suggested from the name.'
        : 'The variable a program reads this key from.';

  return (
    <Dialog
      title={editing ? `Edit ${editing.name}` : 'Add key'}
      onClose={onClose}
      onSubmit={(event) => void onSubmit(event)}
      initialFocus={nameRef}
      size="large"
      footer={<DialogButtons onCancel={onClose} submitLabel="Save" busyLabel="Saving…" busy={busy} />}
    >
      <ErrorNotice message={formError} />
      <div className="form-grid">
        <Field id={idOf('name')} label="Name" error={errors.name} className="form-grid__wide">
          {(control) => (
            <input ref={nameRef} {...control} className="input" type="text" autoComplete="off" required value={values.name} onChange={(event) => onNameChange(event.target.value)} />
          )}
        </Field>

        {editing ? (
          <p className="form-grid__wide form-note">To change the value, use Rotate… in the key's details.</p>
        ) : (
          <Field id={idOf('secret')} label="Secret" error={errors.secret} hint="Goes straight to the system keychain; Keystash never writes it to a file." className="form-grid__wide">
            {(control) => <SecretInput {...control} value={values.secret} onChange={(secret) => set('secret', secret)} />}
          </Field>
        )}

        <Field id={idOf('envVar')} label="Environment variable" error={errors.envVar} hint={envVarHint}>
          {(control) => (
            <input
              {...control}
              className="input input--mono"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={values.envVar}
              onChange={(event) => {
                setEnvVarFollows(false);
                set('envVar', event.target.value);
              }}
            />
          )}
        </Field>
        <Field id={idOf('provider')} label="Provider" error={errors.provider} hint="For example Stripe, OpenAI or AWS.">
          {(control) => <input {...control} className="input" type="text" autoComplete="off" value={values.provider} onChange={(event) => set('provider', event.target.value)} />}
        </Field>

        <Field id={idOf('tags')} label="Tags" error={errors.tags} hint="Press Enter or comma to add a tag." className="form-grid__wide">
          {(control) => <TagInput {...control} value={values.tags} onChange={(tags) => set('tags', tags)} knownTags={knownTags} />}
        </Field>

        <Field id={idOf('url')} label="Console URL" error={errors.url} hint="Where to manage or rotate this key." className="form-grid__wide">
          {(control) => (
            <input {...control} className="input" type="url" inputMode="url" autoComplete="off" spellCheck={false} placeholder="https://" value={values.url} onChange={(event) => set('url', event.target.value)} />
          )}
        </Field>

        <Field id={idOf('rotateEveryDays')} label="Rotate every (days)" error={errors.rotateEveryDays} hint="Leave empty for no reminder.">
          {(control) => (
            <input {...control} className="input" type="number" inputMode="numeric" min={1} step={1} value={values.rotateEveryDays} onChange={(event) => set('rotateEveryDays', event.target.value)} />
          )}
        </Field>
        <Field id={idOf('expiresAt')} label="Expires on" error={errors.expiresAt} hint="The provider's expiry date, if any.">
          {(control) => <input {...control} className="input" type="date" value={values.expiresAt} onChange={(event) => set('expiresAt', event.target.value)} />}
        </Field>

        <Field id={idOf('scopes')} label="Scopes" error={errors.scopes} hint="The permissions this key grants, one per line." className="form-grid__wide">
          {(control) => <textarea {...control} className="input textarea input--mono" rows={3} spellCheck={false} value={values.scopes} onChange={(event) => set('scopes', event.target.value)} />}
        </Field>

        <Field id={idOf('notes')} label="Notes" error={errors.notes} className="form-grid__wide">
          {(control) => <textarea {...control} className="input textarea" rows={3} value={values.notes} onChange={(event) => set('notes', event.target.value)} />}
        </Field>
      </div>
    </Dialog>
  );
}
