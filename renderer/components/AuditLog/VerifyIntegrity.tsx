import { useState } from 'react';
import { call } from '../../api/client';
import { messageFor } from '../../api/errors';
import type { AuditVerification } from '../../api/types';
import { formatCount } from '../../format/text';
import { Icon } from '../Icon/Icon';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; result: AuditVerification } | { kind: 'error'; message: string };

/** Runs the hash-chain verifier and says plainly whether the log was tampered with, and where. */
export function VerifyIntegrity() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const verify = async () => {
    setState({ kind: 'busy' });
    const result = await call('verifyAudit');
    setState(result.ok ? { kind: 'done', result: result.value } : { kind: 'error', message: messageFor(result.error) });
  };
  return (
    <div className="verify">
      <button type="button" className="button button--secondary" disabled={state.kind === 'busy'} onClick={() => void verify()}>
        <Icon name="shield" />
        {state.kind === 'busy' ? 'Verifying…' : 'Verify integrity'}
      </button>
      <div role="status" className="verify__result">
        {state.kind === 'done' && state.result.ok && (
          <p className="notice notice--success">
            <Icon name="check" /> Intact: all {formatCount(state.result.entries)} entries are linked and unaltered.
          </p>
        )}
        {state.kind === 'done' && !state.result.ok && (
          <p className="notice notice--error">
            <Icon name="alert" /> Broken at entry #{state.result.firstBrokenSeq ?? '?'}
            {state.result.reason ? `: ${state.result.reason}` : ''}. Entries from there on may have been changed or removed.
          </p>
        )}
        {state.kind === 'error' && <p className="notice notice--error">{state.message}</p>}
      </div>
    </div>
  );
}
