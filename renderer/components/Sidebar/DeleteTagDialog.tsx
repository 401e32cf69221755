import { useRef, useState } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { TagCount } from '../../api/types';
import { plural } from '../../format/text';
import { Dialog } from '../Dialog/Dialog';

export interface DeleteTagDialogProps {
  tag: TagCount;
  onDeleted: (tag: string) => void;
  onClose: () => void;
}

export function DeleteTagDialog({ tag, onDeleted, onClose }: DeleteTagDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const remove = async () => {
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
      initialFocus={confirmRef}
      size="small"
      tone="danger"
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onClose}>
            Cancel
          </button>
          <button ref={confirmRef} type="button" className="button button--danger" disabled={busy} onClick={() => void remove()}>
            Delete tag
          </button>
        </>
      }
    >
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
