import { useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { TagCount } from '../../api/types';
import { Dialog } from '../Dialog/Dialog';
import { DialogButtons } from '../Dialog/DialogButtons';
import { Field } from '../Field/Field';

export interface RenameTagDialogProps {
  tag: string;
  allTags: TagCount[];
  onRenamed: (from: string, to: string, merged: boolean) => void;
  onClose: () => void;
}

export function RenameTagDialog({ tag, allTags, onRenamed, onClose }: RenameTagDialogProps) {
  const [name, setName] = useState(tag);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const target = name.trim();
  const mergeInto = allTags.find((t) => t.name === target && t.name !== tag);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (target === tag) {
      onClose();
      return;
    }
    setBusy(true);
    const result = await call('renameTag', { from: tag, to: target });
    setBusy(false);
    if (result.ok) onRenamed(tag, target, result.value.merged);
    else {
      setError(messageFor(result.error));
      inputRef.current?.focus();
    }
  };

  return (
    <Dialog
      title={`Rename tag “${tag}”`}
      onClose={onClose}
      onSubmit={(event) => void onSubmit(event)}
      initialFocus={inputRef}
      size="small"
      footer={<DialogButtons onCancel={onClose} submitLabel="Rename" busy={busy} disabled={target === ''} />}
    >
      <Field
        id={inputId}
        label="New tag name"
        error={error}
        hint={
          mergeInto
            ? `A tag “${mergeInto.name}” already exists, so the two are merged into it.`
            : 'Every key with this tag gets the new name.'
        }
      >
        {(control) => (
          <input
            ref={inputRef}
            {...control}
            className="input"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setError(null);
            }}
            onFocus={(event) => event.target.select()}
          />
        )}
      </Field>
    </Dialog>
  );
}
