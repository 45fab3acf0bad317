import "server-only";
import type { AccountServices } from "@/lib/accounts/services";
import { db } from "@/lib/db/client";
import { config } from "@/lib/env";
import { stripe } from "@/lib/stripe/server";

export function accountServices(): AccountServices {
  return {
    prisma: db(),
    stripe: stripe(),
    policy: config.policy,
    loginThrottle: config.loginThrottle,
    registrationLimit: config.registrationLimit,
  };
}
