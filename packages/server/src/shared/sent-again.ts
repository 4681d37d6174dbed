/** Answers a service gives again and again as the same object, with their JSON once it is made. */
const resent = new WeakMap<object, string | null>();

/**
 * Marks an answer that the service gives again unchanged, as the same object (a repeated
 * validation of an unchanged activation), so that its JSON is made once. It must never change.
 */
export function sentAgainUnchanged<T extends object>(answer: T): T {
  if (!resent.has(answer)) resent.set(answer, null);
  return answer;
}

/** The JSON of a value; of an answer marked by `sentAgainUnchanged`, the text made the first time. */
export function jsonOf(value: unknown): string {
  const made = resent.get(value as object);
  if (made) return made;
  const text = JSON.stringify(value);
  if (made === null) resent.set(value as object, text);
  return text;
}
