import { useState } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { DriftRepair, DriftReport, Result } from '../../api/types';
import { plural } from '../../format/text';
import { Dialog } from '../Dialog/Dialog';
import { MissingValueRow } from './MissingValueRow';
import { OrphanedValueRow } from './OrphanedValueRow';
import { OPEN, type DriftItemState } from './drift-item-state';
import { listedDifferences } from './listed-differences';

export interface DriftReviewDialogProps {
  /** The latest check's report; while the review is open, rows are only added (listed-differences.ts). */
  report: DriftReport;
  /** A repair changed the index: the list and tags are stale. */
  onRepaired: () => void;
  /** Opens the edit form for an adopted key, so its "Recovered key …" name can be changed. */
  onRename: (id: string) => void;
  onClose: () => void;
}

/**
 * The review behind the drift banner, with the repairs `keystash doctor` offers, one item at a time:
 * adopt a value without a key as a new key, or forget a key whose value is gone (after an explicit
 * confirmation). Nothing happens to an item the user does not act on, and no value is ever deleted.
 */
export function DriftReviewDialog({ report, onRepaired, onRename, onClose }: DriftReviewDialogProps) {
  // Adjusted while rendering, as React advises for state that follows a prop.
  const [latest, setLatest] = useState(report);
  const [listed, setListed] = useState(report);
  if (report !== latest) {
    setLatest(report);
    setListed(listedDifferences(listed, report));
  }
  const [states, setStates] = useState<ReadonlyMap<string, DriftItemState>>(new Map());
  const stateOf = (target: string) => states.get(target) ?? OPEN;
  const setState = (target: string, state: DriftItemState) => setStates((current) => new Map(current).set(target, state));

  /** Runs one repair for one target and records what became of it. */
  const repair = async (target: string, run: () => Promise<Result<DriftRepair>>, done: (repaired: { id: string; name: string }) => DriftItemState) => {
    setState(target, { kind: 'busy' });
    const result = await run();
    if (!result.ok) {
      setState(target, { kind: 'failed', message: messageFor(result.error) });
      return;
    }
    const repaired = result.value.repaired[0];
    const skipped = result.value.skipped[0];
    if (repaired) {
      setState(target, done(repaired));
      onRepaired();
    } else {
      setState(target, { kind: 'skipped', reason: skipped?.reason ?? 'it no longer differs' });
    }
  };
  const adopt = (account: string) =>
    void repair(account, () => call('repairDrift', { action: 'adoptOrphans', accounts: [account] }), (key) => ({ kind: 'adopted', ...key }));
  const forget = (id: string) => void repair(id, () => call('repairDrift', { action: 'forgetMissing', ids: [id] }), () => ({ kind: 'forgotten' }));

  const { missingValues, orphanedValues } = listed;
  return (
    <Dialog
      title="Keychain check"
      description="The vault's list of keys and the system keychain disagree. Choose what to do with each difference; nothing changes unless you do."
      onClose={onClose}
      size="large"
      footer={
        <button type="button" className="button button--primary" onClick={onClose}>
          Done
        </button>
      }
    >
      {missingValues.length === 0 && orphanedValues.length === 0 && (
        <p className="notice notice--success">Every key has its value in the keychain, and every value there has a key.</p>
      )}
      {missingValues.length > 0 && (
        <section className="drift-section" aria-labelledby="drift-missing">
          <h3 id="drift-missing" className="drift-section__title">
            {plural(missingValues.length, 'key')} without a value
          </h3>
          <p className="drift-section__text">
            Their value is no longer in the keychain (removed outside Keystash, for example in Seahorse). Rotate a key to store a new
            value, or forget it: the value is already gone, so forgetting removes only its entry in the list.
          </p>
          <ul className="drift-list">
            {missingValues.map((key) => (
              <MissingValueRow
                key={key.id}
                name={key.name}
                id={key.id}
                state={stateOf(key.id)}
                onAsk={() => setState(key.id, { kind: 'confirming' })}
                onCancel={() => setState(key.id, OPEN)}
                onForget={() => forget(key.id)}
              />
            ))}
          </ul>
        </section>
      )}
      {orphanedValues.length > 0 && (
        <section className="drift-section" aria-labelledby="drift-orphaned">
          <h3 id="drift-orphaned" className="drift-section__title">
            {plural(orphanedValues.length, 'value')} without a key
          </h3>
          <p className="drift-section__text">
            These values are in the keychain, but no key names them (Keystash was stopped while saving, or the list was restored
            from an older copy). Adopt one to list it as “Recovered key&nbsp;…”, tagged recovered; then reveal it and give it a name.
          </p>
          <ul className="drift-list">
            {orphanedValues.map((orphan) => (
              <OrphanedValueRow
                key={orphan.account}
                account={orphan.account}
                state={stateOf(orphan.account)}
                onAdopt={() => adopt(orphan.account)}
                onRename={onRename}
              />
            ))}
          </ul>
        </section>
      )}
    </Dialog>
  );
}
