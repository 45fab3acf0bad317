"use server";

import { cookies } from "next/headers";
import { currentUser, deviceId, signIn, signOut } from "@/lib/auth/current-user";
import { checkOperator } from "@/lib/auth/operator";
import { config } from "@/lib/config";
import { demoEmulator } from "@/lib/demo/emulator";
import { RADAR_FAULT_PATHS, RADAR_OUTAGE_MS } from "@/lib/demo/radar-outage";
import { resetDemo } from "@/lib/demo/reset-demo";
import {
  logInStep,
  newDemoPerson,
  otherDevice,
  payStep,
  type StepResult,
  signUpStep,
} from "@/lib/demo/scenario-steps";
import { SCENARIO_CARDS } from "@/lib/demo/test-cards";
import { requestClientIp } from "@/lib/http/client-ip";
import { services } from "@/lib/services/server";

/** The account the account-sharing scenario shares, remembered for this browser. */
const SHARED_ACCOUNT_COOKIE = "demo_shared_account";

const EMULATOR_ONLY =
  "The guided scenarios simulate other devices and outages with the local Stripe emulator; with Stripe keys, follow the README's Try it table by hand.";

function emulator() {
  return demoEmulator(config);
}

const MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15";
const PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36";

/** What a step did, and who this browser is signed in as after it (some steps switch accounts). */
export type DemoStepResult = StepResult & { signedInAs: string | null };

/** The step's result with the account this browser is signed in as: `now`, or as it was. */
async function answer(result: StepResult, now?: string): Promise<DemoStepResult> {
  return { ...result, signedInAs: now ?? (await currentUser())?.email ?? null };
}

/** Multi-accounting, and Radar down: the next sign-up from this browser (its own Radar Session). */
export async function signUpHereAction(radarSession: string | undefined): Promise<DemoStepResult> {
  if (!emulator()) return answer({ kind: "refused", message: EMULATOR_ONLY });
  const person = newDemoPerson("Demo Shopper");
  const result = await signUpStep(services(), person, radarSession, {
    clientIp: await requestClientIp(),
    deviceId: await deviceId(),
  });
  if (!result.userId) return answer(result);
  await signIn(result.userId);
  return answer(result, person.email);
}

/** Account sharing, step 1: the account's owner signs up and logs in on a laptop in New York. */
export async function shareOwnerSignsUpAction(): Promise<DemoStepResult> {
  const control = emulator();
  if (!control) return answer({ kind: "refused", message: EMULATOR_ONLY });
  const laptop = otherDevice("owner-laptop", "America/New_York", MAC);
  const person = newDemoPerson("Sam Shared");
  const signedUp = await signUpStep(services(), person, await control.createRadarSession(laptop), {
    clientIp: laptop.ip,
    deviceId: laptop.deviceId,
  });
  if (signedUp.kind === "refused" || !signedUp.userId) return answer(signedUp);
  (await cookies()).set(SHARED_ACCOUNT_COOKIE, person.email, {
    httpOnly: true,
    sameSite: "lax",
    path: "/demo",
  });
  return answer(
    await logInStep(
      services(),
      person.email,
      await control.createRadarSession(laptop),
      laptop.ip,
      "on the owner's laptop (New York)",
    ),
  );
}

const STEP_ONE_FIRST = "Do step 1 first: it creates the account to share.";

async function sharedAccount(): Promise<string | undefined> {
  return (await cookies()).get(SHARED_ACCOUNT_COOKIE)?.value;
}

/** Account sharing, step 2: this browser logs in to the shared account (and is signed in). */
export async function shareLogInHereAction(
  radarSession: string | undefined,
): Promise<DemoStepResult> {
  if (!emulator()) return answer({ kind: "refused", message: EMULATOR_ONLY });
  const email = await sharedAccount();
  if (!email) return answer({ kind: "refused", message: STEP_ONE_FIRST });
  const result = await logInStep(
    services(),
    email,
    radarSession,
    await requestClientIp(),
    "from this browser",
  );
  if (!result.userId) return answer(result);
  await signIn(result.userId);
  return answer(result, email);
}

/** Account sharing, step 3: a phone in Tokyo logs in to the shared account. */
export async function shareLogInElsewhereAction(): Promise<DemoStepResult> {
  const control = emulator();
  if (!control) return answer({ kind: "refused", message: EMULATOR_ONLY });
  const email = await sharedAccount();
  if (!email) return answer({ kind: "refused", message: STEP_ONE_FIRST });
  const phone = otherDevice("tokyo-phone", "Asia/Tokyo", PHONE);
  return answer(
    await logInStep(
      services(),
      email,
      await control.createRadarSession(phone),
      phone.ip,
      "from a phone in Tokyo",
    ),
  );
}

const PAYMENT_METHODS = new Set<string>(SCENARIO_CARDS.map((card) => card.paymentMethod));

/** A risky payment: pays for a hoodie as the signed-in user, from this browser. */
export async function payAction(
  paymentMethod: string,
  radarSession: string | undefined,
): Promise<DemoStepResult> {
  if (!emulator()) return answer({ kind: "refused", message: EMULATOR_ONLY });
  if (!PAYMENT_METHODS.has(paymentMethod))
    return answer({ kind: "refused", message: "Unknown test card." });
  const user = await currentUser();
  if (!user) {
    return answer({
      kind: "refused",
      message: "Sign in first: any sign-up above, or a seeded account, signs this browser in.",
    });
  }
  return answer(await payStep(services(), user, paymentMethod, radarSession), user.email);
}

export type OutageState =
  | { kind: "outage"; down: boolean; until?: number; ended?: boolean }
  | { kind: "refused"; message: string };

/** Whether the outage is on now (it ends on its own after a minute). */
export async function radarOutageStateAction(): Promise<OutageState> {
  const control = emulator();
  if (!control) return { kind: "refused", message: EMULATOR_ONLY };
  const faults = await control.faults();
  return { kind: "outage", down: faults.some((f) => RADAR_FAULT_PATHS.includes(f.path)) };
}

/** Radar is down: every evaluation answers 500 for a minute (or until the outage is ended). */
export async function startRadarOutageAction(): Promise<OutageState> {
  const control = emulator();
  if (!control) return { kind: "refused", message: EMULATOR_ONLY };
  const faults = await Promise.all(
    RADAR_FAULT_PATHS.map((path) => control.injectFault({ path, status: 500 })),
  );
  setTimeout(() => {
    for (const { id } of faults) {
      control.removeFault(id).catch(() => {
        // Already ended by hand, or the emulator was reset.
      });
    }
  }, RADAR_OUTAGE_MS).unref();
  return { kind: "outage", down: true, until: Date.now() + RADAR_OUTAGE_MS };
}

export async function endRadarOutageAction(): Promise<OutageState> {
  const control = emulator();
  if (!control) return { kind: "refused", message: EMULATOR_ONLY };
  const faults = await control.faults();
  await Promise.all(
    faults.filter((f) => RADAR_FAULT_PATHS.includes(f.path)).map((f) => control.removeFault(f.id)),
  );
  return { kind: "outage", down: false };
}

export type ResetState = { kind?: "reset" | "refused"; message?: string };

/** Clears the app's data and the emulator's state together and seeds the history again. */
export async function resetAction(_: ResetState, _form: FormData): Promise<ResetState> {
  const access = await checkOperator();
  if (access.kind === "refused") return { kind: "refused", message: access.message };
  const result = await resetDemo(services(), config.stripe.mode, emulator());
  if (result.kind === "refused") return { kind: "refused", message: result.message };
  await signOut();
  (await cookies()).delete({ name: SHARED_ACCOUNT_COOKIE, path: "/demo" });
  const { summary } = result;
  return {
    kind: "reset",
    message: `Reset: ${summary.users} users, ${summary.blockedSignUps} blocked sign-ups, ${summary.logIns} log-ins and ${summary.orders} orders seeded again (${(summary.milliseconds / 1000).toFixed(1)} s).`,
  };
}
