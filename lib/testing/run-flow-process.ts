/**
 * Runs one flow in a process of its own, as the app would, so that a test can kill it half-way:
 * `node --import tsx lib/testing/run-flow-process.ts '<json>'`. Prints "done" when the flow
 * ended, which a test that kills it expects never to see.
 */
import type { LoginForm, RegistrationForm } from "@/lib/accounts/forms";
import { logInUser } from "@/lib/accounts/log-in";
import { type RegistrationOrigin, registerUser } from "@/lib/accounts/register";
import type { CheckoutForm } from "@/lib/checkout/checkout-form";
import { type Buyer, placeOrder } from "@/lib/checkout/place-order";
import type { DatabaseConfig } from "@/lib/config/load-config";
import { migratedPrisma } from "@/lib/testing/test-databases";
import { createTestServices } from "@/lib/testing/test-services";

export type FlowRun = {
  database: DatabaseConfig;
  emulator: { port: number; webhookSecret: string };
  timeoutMs: number;
} & (
  | { flow: "registration"; form: RegistrationForm; origin: RegistrationOrigin }
  | { flow: "login"; form: LoginForm; clientIp: string }
  | { flow: "checkout"; buyer: Buyer; form: CheckoutForm }
);

const run = JSON.parse(process.argv[2] ?? "{}") as FlowRun;
const services = createTestServices(
  await migratedPrisma({ config: run.database, dispose: async () => {} }),
  run.emulator,
  run.timeoutMs,
);
switch (run.flow) {
  case "registration":
    await registerUser(services, run.form, run.origin);
    break;
  case "login":
    await logInUser(services, run.form, { clientIp: run.clientIp });
    break;
  case "checkout":
    await placeOrder(services, run.buyer, run.form);
    break;
}
process.stdout.write("done\n");
process.exit(0);
