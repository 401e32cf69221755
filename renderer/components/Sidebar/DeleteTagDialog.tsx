import { useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { TagCount } from '../../api/types';
import { plural } from '../../format/text';
import { Dialog } from '../Dialog/Dialog';
import { DialogButtons } from '../Dialog/DialogButtons';
import { ErrorNotice } from '../Field/ErrorNotice';

export interface DeleteTagDialogProps {
  tag: TagCount;
  onDeleted: (tag: string) => void;
  onClose: () => void;
}

export function DeleteTagDialog({ tag, onDeleted, onClose }: DeleteTagDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await call('deleteTag', { tag: tag.name });
    setBusy(false);
    if (result.ok) onDeleted(tag.name);
    else setError(messageFor(result.error));
  };

  return (
    <Dialog
      title={`Delete tag “${tag.name}”?`}
      description={`The tag is removed from ${plural(tag.count, 'key')}. The keys themselves stay.`}
      onClose={onClose}
      onSubmit={(event) => void onSubmit(event)}
      initialFocus={confirmRef}
      size="small"
      tone="danger"
      footer={<DialogButtons onCancel={onClose} submitLabel="Delete tag" busy={busy} tone="danger" submitRef={confirmRef} />}
    >
      <ErrorNotice message={error} />
    </Dialog>
  );
}
