"use server";

import { redirect } from "next/navigation";
import { loginForm, refusedAnswer } from "@/lib/accounts/forms";
import { logInUser } from "@/lib/accounts/log-in";
import { deviceId, signIn } from "@/lib/auth/current-user";
import { tooManyAttempts } from "@/lib/auth/rate-limit";
import { echoValues, type FormState, parseForm } from "@/lib/forms/parse-form";
import { requestOrigin } from "@/lib/http/client-ip";
import { presenterWhy } from "@/lib/radar/presenter-why";
import { services } from "@/lib/services/server";

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
    case "refused":
      return refusedAnswer(result, values);
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
