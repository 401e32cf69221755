import type { ChangeEvent, Ref } from 'react';

export interface CodeInputProps {
  id: string;
  value: string;
  onChange: (digits: string) => void;
  /** Called once when the sixth digit arrives, typed or pasted. */
  onComplete: (code: string) => void;
  describedBy?: string;
  invalid?: boolean;
  disabled?: boolean;
  ref?: Ref<HTMLInputElement>;
}

export const CODE_LENGTH = 6;

/**
 * The six-digit authenticator code. One plain input, so paste, autofill and screen readers all just
 * work; anything that is not a digit is dropped, so "123 456" pastes cleanly.
 */
export function CodeInput({ id, value, onChange, onComplete, describedBy, invalid, disabled, ref }: CodeInputProps) {
  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const digits = event.target.value.replace(/\D/g, '').slice(0, CODE_LENGTH);
    onChange(digits);
    if (digits.length === CODE_LENGTH && value.length !== CODE_LENGTH) onComplete(digits);
  };
  return (
    <input
      ref={ref}
      id={id}
      className="code-input"
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      autoCorrect="off"
      spellCheck={false}
      value={value}
      onChange={handleChange}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      disabled={disabled}
    />
  );
}
