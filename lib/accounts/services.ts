import type Stripe from "stripe";
import type { LoginThrottleConfig, RegistrationLimitConfig } from "@/lib/config/load-config";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PolicyThresholds } from "@/lib/radar/policy";

/** What the account flows need, passed in so tests can run them against any database and API. */
export type AccountServices = {
  prisma: PrismaClient;
  stripe: Stripe;
  policy: PolicyThresholds;
  loginThrottle: LoginThrottleConfig;
  registrationLimit: RegistrationLimitConfig;
};
