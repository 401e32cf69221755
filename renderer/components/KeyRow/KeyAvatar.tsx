import type { CSSProperties } from 'react';
import { hueOf, initialsOf } from '../../format/text';

/** Initials on a colour derived from the provider, so keys from one provider look alike at a glance. */
export function KeyAvatar({ name, provider, size = 'medium' }: { name: string; provider: string | null; size?: 'medium' | 'large' }) {
  const basis = provider || name;
  const style = { '--avatar-hue': String(hueOf(basis.toLowerCase())) } as CSSProperties;
  return (
    <span className={`avatar avatar--${size}`} style={style} aria-hidden="true">
      {initialsOf(basis)}
    </span>
  );
}
