/** The server's rule (contract: at least 10 characters), checked here first so the person hears it at once. */
export const MIN_PASSWORD = 10;

export function passwordProblem(password: string): 'fields.passwordTooShort' | null {
  return password.length < MIN_PASSWORD ? 'fields.passwordTooShort' : null;
}
