import "server-only";
import { db } from "@/lib/db/client";
import { config } from "@/lib/env";
import type { Services } from "@/lib/services/services";
import { stripe } from "@/lib/stripe/server";

/** The server's services: its database, its Stripe client and the configured limits. */
export function services(): Services {
  return {
    prisma: db(),
    stripe: stripe(),
    policy: config.policy,
    loginThrottle: config.loginThrottle,
    registrationLimit: config.registrationLimit,
  };
}
