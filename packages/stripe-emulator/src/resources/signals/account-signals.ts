import { ok, type Route } from "../../http/route.ts";
import type { Services } from "../../services.ts";
import { SIGNALS_SINCE } from "./account-activities.ts";
import { notFound } from "./fields.ts";

export const ACCOUNT_SIGNAL = "v2.signals.account_signal";

/** `V2.Signals.AccountSignal` of stripe@22.7.0-beta.1: one evaluated signal. */
export interface AccountSignal {
  id: string;
  object: "v2.signals.account_signal";
  account_details?: { customer?: string; account?: string };
  account_evaluation: string;
  created: string;
  livemode: false;
  type: "user_account_sharing" | "user_multi_accounting";
  user_account_sharing?: { risk_level: string; score?: string };
  user_multi_accounting?: { risk_level: string; score?: string };
}

export function accountSignalRoutes(services: Services): Route[] {
  return [
    {
      method: "GET",
      path: "/v2/signals/account_signals/:id",
      preview: SIGNALS_SINCE,
      handler: (request) => {
        const id = request.pathParams.id ?? "";
        const entry = services.store.getOf(ACCOUNT_SIGNAL, id);
        if (!entry) throw notFound("account signal", id);
        return ok(entry.json);
      },
    },
  ];
}
