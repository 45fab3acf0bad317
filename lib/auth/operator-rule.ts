/** Who asks: the signed-in user's email, or null for an anonymous visitor. */
export type Viewer = { email: string } | null;

export type OperatorAccess =
  | { kind: "allowed" }
  | { kind: "refused"; reason: "sign_in" | "not_operator"; message: string };

/**
 * The operator pages (every evaluation, the Stripe requests, the demo's reset) show other
 * people's data. With the emulator the app is a local demo on the presenter's machine and they
 * are open; with Stripe keys only a signed-in user listed in OPERATOR_EMAILS sees them.
 */
export function operatorAccess(
  stripeMode: "emulator" | "stripe",
  operatorEmails: readonly string[],
  viewer: Viewer,
): OperatorAccess {
  if (stripeMode === "emulator") return { kind: "allowed" };
  if (!viewer) {
    return {
      kind: "refused",
      reason: "sign_in",
      message: "Sign in with an operator account (listed in OPERATOR_EMAILS) to open this page.",
    };
  }
  if (!operatorEmails.includes(viewer.email.toLowerCase())) {
    return {
      kind: "refused",
      reason: "not_operator",
      message: `${viewer.email} is not an operator: only the emails listed in OPERATOR_EMAILS may open this page.`,
    };
  }
  return { kind: "allowed" };
}
