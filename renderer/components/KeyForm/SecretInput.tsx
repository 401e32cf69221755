import { useState, type Ref } from 'react';
import type { ControlProps } from '../Field/Field';

export interface SecretInputProps extends ControlProps {
  value: string;
  onChange: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A password field with a Show/Hide toggle. The toggle's name is just "Show"/"Hide" (with
 * aria-controls), so the field stays the only thing labelled "Secret".
 */
export function SecretInput({ value, onChange, ref, ...control }: SecretInputProps) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="input-group">
      <input
        ref={ref}
        {...control}
        className="input input--mono"
        type={visible ? 'text' : 'password'}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <button type="button" className="button button--secondary input-group__button" aria-controls={control.id} aria-pressed={visible} onClick={() => setVisible((v) => !v)}>
        {visible ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}
