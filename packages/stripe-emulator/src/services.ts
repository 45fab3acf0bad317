import type { Core } from "./core.ts";
import { PaymentMethodService } from "./resources/payment-methods.ts";

/** What resource handlers share: the core and the services built on it. */
export interface Services extends Core {
  paymentMethods: PaymentMethodService;
}

export function createServices(core: Core): Services {
  return { ...core, paymentMethods: new PaymentMethodService(core) };
}
