// A rejected promise's reason is typed `unknown`: the house rejects with Errors (said in the chosen
// language by lab.ts), but nothing stops a non-Error from arriving, and the page must still say something.

/** The sentence to show for a rejection: an Error's message, anything else as text. */
export function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
