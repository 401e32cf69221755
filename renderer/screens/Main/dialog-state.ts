import type { KeySummary, TagCount } from '../../api/types';

/** At most one modal at a time; which one, and for what. */
export type DialogState =
  | { kind: 'create' }
  | { kind: 'edit'; key: KeySummary }
  | { kind: 'rotate'; key: KeySummary }
  | { kind: 'delete'; key: KeySummary }
  | { kind: 'renameTag'; tag: string }
  | { kind: 'deleteTag'; tag: TagCount }
  | { kind: 'settings' }
  | { kind: 'importEnv' }
  | { kind: 'export' }
  | { kind: 'drift' }
  | null;
