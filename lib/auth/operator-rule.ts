/** Who asks: the signed-in user, or null for an anonymous visitor. */
export type Viewer = { email: string; operator: boolean } | null;

export type OperatorAccess =
  | { kind: "allowed" }
  | { kind: "refused"; reason: "sign_in" | "not_operator"; message: string };

/** How an account becomes an operator; said wherever one is refused. */
export const GRANT_COMMAND = "npm run operator -- grant <email>";

/**
 * The operator pages (every evaluation, the Stripe requests, the demo's reset) show other
 * people's data. With the emulator the app is a local demo on the presenter's machine and they
 * are open; with Stripe keys only a signed-in user granted the right on the server's command
 * line sees them. No email, typed in a form or listed in the environment, makes an operator:
 * emails are not verified, so whoever registered an operator's address first would be one.
 */
export function operatorAccess(stripeMode: "emulator" | "stripe", viewer: Viewer): OperatorAccess {
  if (stripeMode === "emulator") return { kind: "allowed" };
  if (!viewer) {
    return {
      kind: "refused",
      reason: "sign_in",
      message: "Sign in with an operator account to open this page.",
    };
  }
  if (!viewer.operator) {
    return {
      kind: "refused",
      reason: "not_operator",
      message: `${viewer.email} is not an operator. Whoever runs the server can grant it with ${GRANT_COMMAND}.`,
    };
  }
  return { kind: "allowed" };
}
