"use server";

import { redirect } from "next/navigation";
import { refusedAnswer, registrationForm } from "@/lib/accounts/forms";
import { registerUser } from "@/lib/accounts/register";
import { deviceId, signIn } from "@/lib/auth/current-user";
import { tooManyAttempts } from "@/lib/auth/rate-limit";
import { echoValues, type FormState, parseForm } from "@/lib/forms/parse-form";
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
    case "refused":
      return refusedAnswer(result, values);
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
