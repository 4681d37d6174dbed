import type { ReactNode } from 'react';

/**
 * Long unbroken text (an event type, a URL) that may wrap after its separators (. _ / : ? & =),
 * not in the middle of a word.
 */
export function breakable(text: string): ReactNode[] {
  return text.split(/(?<=[._/:?&=])/).flatMap((part, i) => (i ? [<wbr key={i} />, part] : [part]));
}
