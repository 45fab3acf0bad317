import "server-only";
import { currentUser } from "@/lib/auth/current-user";
import { type OperatorAccess, operatorAccess } from "@/lib/auth/operator-rule";
import { config } from "@/lib/config";

/** Whether this request may see the operator pages and use the demo's reset (see operatorAccess). */
export async function checkOperator(): Promise<OperatorAccess> {
  const user = await currentUser();
  return operatorAccess(config.stripe.mode, user && { email: user.email, operator: user.operator });
}
