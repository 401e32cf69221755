import { useEffect, useRef } from 'react';

/**
 * A form-level error (one that names no field), announced when it appears and scrolled into view:
 * it sits at the top of a form whose submit button is at the bottom.
 */
export function ErrorNotice({ message }: { message: string | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [message]);
  if (!message) return null;
  return (
    <p ref={ref} className="notice notice--error" role="alert">
      {message}
    </p>
  );
}
