import { useId, useState } from 'react';
import { Icon } from '../../components/Icon/Icon';
import { saveTextFile } from '../../files/save-text-file';
import { recoveryFileText } from './recovery-file';

export function RecoveryCodes({ codes, onContinue }: { codes: string[]; onContinue: () => void }) {
  const [saved, setSaved] = useState(false);
  const [status, setStatus] = useState('');
  const checkboxId = useId();

  const copyAll = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setStatus('Copied all 10 codes.');
    } catch {
      setStatus('Could not copy. Use "Save to file…" instead.');
    }
  };
  const saveToFile = () => {
    saveTextFile('keystash-recovery-codes.txt', recoveryFileText(codes));
    setStatus('Saved keystash-recovery-codes.txt.');
  };

  return (
    <>
      <p className="auth-step">Step 2 of 2</p>
      <h1 className="auth-title">Save your recovery codes</h1>
      <p className="auth-lede">
        If you lose your phone, each of these codes unlocks Keystash once. They are shown only now, so keep them
        somewhere safe that is not this computer.
      </p>
      <ol className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="recovery-actions">
        <button type="button" className="button button--secondary" onClick={() => void copyAll()}>
          <Icon name="copy" />
          Copy all
        </button>
        <button type="button" className="button button--secondary" onClick={saveToFile}>
          <Icon name="download" />
          Save to file…
        </button>
        <span className="recovery-actions__status" role="status">
          {status}
        </span>
      </div>
      <div className="recovery-confirm">
        <label htmlFor={checkboxId} className="checkbox">
          <input id={checkboxId} type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} />
          I have saved them
        </label>
        <button type="button" className="button button--primary" disabled={!saved} onClick={onContinue}>
          Continue
        </button>
      </div>
    </>
  );
}
