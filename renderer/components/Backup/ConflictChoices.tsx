import { useId } from 'react';
import type { ConflictChoice } from './restore-preview';

const CHOICES: { value: ConflictChoice; label: string; hint: string }[] = [
  { value: 'skip', label: 'Keep this vault’s keys', hint: 'The backup’s copies of these are left out.' },
  { value: 'replace', label: 'Replace them with the backup’s', hint: 'Value and every field from the backup.' },
  { value: 'rename', label: 'Restore both', hint: 'The backup’s copy is added as “Name (restored)”.' },
];

/** The names the vault already has, and what to do with them (the CLI's --on-conflict). */
export function ConflictChoices({ names, value, onChange }: { names: string[]; value: ConflictChoice; onChange: (choice: ConflictChoice) => void }) {
  const groupName = useId();
  const shown = names.slice(0, 5);
  return (
    <fieldset className="conflict-choices">
      <legend>
        Already in this vault: {shown.join(', ')}
        {names.length > shown.length ? ` and ${names.length - shown.length} more` : ''}
      </legend>
      {CHOICES.map((choice) => (
        <label key={choice.value} className="radio">
          <input type="radio" name={groupName} value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} />
          <span>
            {choice.label}
            <span className="radio__hint">{choice.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
