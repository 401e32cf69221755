import type { Ref } from 'react';
import type { ControlProps } from '../Field/Field';

export interface PassphraseInputProps {
  control: ControlProps;
  value: string;
  onChange: (value: string) => void;
  /** "new-password" when choosing one (a password manager may offer to save it), "off" when typing one back. */
  autoComplete: 'new-password' | 'off';
  inputRef?: Ref<HTMLInputElement>;
}

/** A masked passphrase box: never spell-checked, since a spell checker may send what it checks elsewhere. */
export function PassphraseInput({ control, value, onChange, autoComplete, inputRef }: PassphraseInputProps) {
  return (
    <input
      ref={inputRef}
      {...control}
      className="input"
      type="password"
      autoComplete={autoComplete}
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
