"use server";

import { redirect } from "next/navigation";
import { loginForm, registrationForm } from "@/lib/accounts/forms";
import { logInUser } from "@/lib/accounts/log-in";
import { registerUser } from "@/lib/accounts/register";
import { signIn, signOutEverywhere } from "@/lib/auth/current-user";
import { deviceId } from "@/lib/auth/device-cookie";
import { echoValues, type FormState } from "@/lib/forms/form-state";
import { parseForm } from "@/lib/forms/parse-form";
import { requestOrigin } from "@/lib/http/client-ip";
import { presenterWhy } from "@/lib/radar/presenter-why";
import { services } from "@/lib/services/server";

export async function registerAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = echoValues(formData, ["name", "email", "phone"]);
  const parsed = parseForm(registrationForm, formData);
  if (parsed.kind === "invalid") return { fieldErrors: parsed.fieldErrors, values };

  const result = await registerUser(
    services(),
    parsed.data,
    { ...(await requestOrigin()), deviceId: await deviceId() },
    signIn,
  );
  switch (result.kind) {
    case "invalid":
      return { fieldErrors: result.fieldErrors, values };
    case "refused":
      return {
        fieldErrors: result.fieldErrors,
        values,
        ...(result.message ? { message: result.message } : {}),
      };
    case "throttled":
      return { values, message: tooManyAttempts(result.retryAfterMs) };
    case "blocked":
      return {
        values,
        why: await presenterWhy({ customerEvaluation: result.evaluationRecordId }),
        message:
          "We couldn't create your account: this device looks linked to other recent sign-ups. If you think this is a mistake, contact support.",
      };
    case "registered":
      redirect("/account");
  }
}

export async function loginAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = echoValues(formData, ["email"]);
  const parsed = parseForm(loginForm, formData);
  if (parsed.kind === "invalid") return { fieldErrors: parsed.fieldErrors, values };

  const result = await logInUser(services(), parsed.data, await requestOrigin(), {
    deviceId: await deviceId(),
    signIn,
  });
  switch (result.kind) {
    case "invalid":
      return { fieldErrors: result.fieldErrors, values };
    case "refused":
      return {
        fieldErrors: result.fieldErrors,
        values,
        ...(result.message ? { message: result.message } : {}),
      };
    case "wrong_credentials":
      return { values, message: "Email or password is incorrect." };
    case "throttled":
      return { values, message: tooManyAttempts(result.retryAfterMs) };
    case "blocked":
      return {
        values,
        why: await presenterWhy({ customerEvaluation: result.evaluationRecordId }),
        message:
          "We couldn't sign you in: this account is being used from too many devices or places. Contact support to restore access.",
      };
    case "signed_in":
      redirect("/account");
  }
}

function tooManyAttempts(retryAfterMs: number): string {
  return `Too many attempts. Try again in ${Math.ceil(retryAfterMs / 60_000)} minute(s).`;
}

export async function signOutEverywhereAction(): Promise<void> {
  await signOutEverywhere();
  redirect("/login");
}
