import type { DriftReport, ImportReport, KeySummary, RestoreReport, Settings, TagCount } from '../../api/types';
import { ExportDialog } from '../../components/Transfer/ExportDialog';
import { ImportEnvDialog } from '../../components/Transfer/ImportEnvDialog';
import { DeleteKeyDialog } from '../../components/DetailPanel/DeleteKeyDialog';
import { RotateDialog } from '../../components/DetailPanel/RotateDialog';
import { DriftReviewDialog } from '../../components/Drift/DriftReviewDialog';
import { KeyFormDialog } from '../../components/KeyForm/KeyFormDialog';
import { SettingsDialog } from '../../components/Settings/SettingsDialog';
import { DeleteTagDialog } from '../../components/Sidebar/DeleteTagDialog';
import { RenameTagDialog } from '../../components/Sidebar/RenameTagDialog';
import type { DialogState } from './dialog-state';

export interface MainDialogsProps {
  dialog: DialogState;
  tags: TagCount[];
  recoveryCodesLeft: number;
  onClose: () => void;
  onKeySaved: (key: KeySummary, created: boolean) => void;
  onKeyRotated: (key: KeySummary) => void;
  onKeyDeleted: (key: KeySummary) => void;
  onTagRenamed: (from: string, to: string, merged: boolean) => void;
  onTagDeleted: (tag: string) => void;
  onSettingsSaved: (settings: Settings) => void;
  onReenrol: () => void;
  shownKeys: readonly KeySummary[];
  allKeys: readonly KeySummary[];
  onImported: (report: ImportReport) => void;
  onExported: (path: string, count: number) => void;
  driftReport: DriftReport | null;
  onDriftRepaired: () => void;
  onRenameAdopted: (id: string) => void;
  onRestored: (report: RestoreReport) => void;
}

export function MainDialogs(props: MainDialogsProps) {
  const { dialog, onClose } = props;
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'create':
      return <KeyFormDialog knownTags={props.tags.map((t) => t.name)} onSaved={(key) => props.onKeySaved(key, true)} onClose={onClose} />;
    case 'edit':
      return (
        <KeyFormDialog
          editing={dialog.key}
          knownTags={props.tags.map((t) => t.name)}
          onSaved={(key) => props.onKeySaved(key, false)}
          onClose={onClose}
        />
      );
    case 'rotate':
      return <RotateDialog keySummary={dialog.key} onRotated={props.onKeyRotated} onClose={onClose} />;
    case 'delete':
      return <DeleteKeyDialog keySummary={dialog.key} onDeleted={props.onKeyDeleted} onClose={onClose} />;
    case 'renameTag':
      return <RenameTagDialog tag={dialog.tag} allTags={props.tags} onRenamed={props.onTagRenamed} onClose={onClose} />;
    case 'deleteTag':
      return <DeleteTagDialog tag={dialog.tag} onDeleted={props.onTagDeleted} onClose={onClose} />;
    case 'importEnv':
      return <ImportEnvDialog onImported={props.onImported} onClose={onClose} />;
    case 'export':
      return <ExportDialog shownKeys={props.shownKeys} allKeys={props.allKeys} onExported={props.onExported} onClose={onClose} />;
    case 'settings':
      return (
        <SettingsDialog
          recoveryCodesLeft={props.recoveryCodesLeft}
          onSaved={props.onSettingsSaved}
          onReenrol={props.onReenrol}
          onRestored={props.onRestored}
          onClose={onClose}
        />
      );
    case 'drift':
      return props.driftReport ? (
        <DriftReviewDialog report={props.driftReport} onRepaired={props.onDriftRepaired} onRename={props.onRenameAdopted} onClose={onClose} />
      ) : null;
  }
}
