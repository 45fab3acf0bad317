import { Agent, get } from "node:http";
import { z } from "zod";
import type { StripeConfig } from "@/lib/config/load-config";
import type { CustomerEvaluation, Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Why a score is what it is. Stripe returns a score and a risk level, never its reasons; the
 * local emulator computes each score from named factors and tells them through its control API
 * (`GET /_emulator/explain/<evaluation id>`), which the app reads over HTTP with its control token.
 */
const factorSchema = z.object({
  name: z.string(),
  detail: z.string(),
  points: z.number(),
  assessed: z.boolean(),
});
export type ScoreFactor = z.infer<typeof factorSchema>;

export const scoreExplanationSchema = z.object({
  factors: z.array(factorSchema),
  /** Score range of each risk level, like `{ highest: "75-100" }`. */
  bands: z.record(z.string(), z.string()),
  /** How far back the emulator looks for devices and customers. */
  window_hours: z.number(),
});
export type ScoreExplanation = z.infer<typeof scoreExplanationSchema>;

/** Reads the explanation of one Customer or Payment Evaluation; null when it cannot be had. */
export type ExplainScore = (evaluationId: string) => Promise<ScoreExplanation | null>;

/** The explanation as the database keeps it, from a `factors` column. */
export function storedExplanation(value: Prisma.JsonValue | null): ScoreExplanation | null {
  const parsed = scoreExplanationSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Asks the emulator. Fail-open: a slow, missing or malformed answer is null, and the caller
 * saves its evaluation without factors. Plain `node:http` on kept-alive connections: through
 * `fetch`, undici's streams made one explain per evaluation cost the server more CPU.
 */
export function emulatorExplainer(options: {
  baseUrl: string;
  controlToken: string;
  timeoutMs: number;
  log?: (message: string) => void;
}): ExplainScore {
  const log = options.log ?? ((message: string) => console.warn(message));
  const agent = new Agent({ keepAlive: true });
  return async (evaluationId) => {
    try {
      const url = `${options.baseUrl}/_emulator/explain/${encodeURIComponent(evaluationId)}`;
      const answer = await getText(url, {
        agent,
        headers: { authorization: `Bearer ${options.controlToken}` },
        timeout: options.timeoutMs,
      });
      if (answer.status !== 200) {
        log(`No explanation for ${evaluationId}: the emulator answered ${answer.status}`);
        return null;
      }
      const parsed = scoreExplanationSchema.safeParse(oneSignal(JSON.parse(answer.body)));
      if (!parsed.success) log(`No explanation for ${evaluationId}: unexpected answer`);
      return parsed.success ? parsed.data : null;
    } catch (error) {
      log(`No explanation for ${evaluationId}: ${error instanceof Error ? error.message : error}`);
      return null;
    }
  };
}

/**
 * A v2 Account Evaluation is explained signal by signal (`signals.<name>.factors`); the app
 * requests one signal per evaluation, whose factors are the explanation.
 */
function oneSignal(answer: unknown): unknown {
  if (!answer || typeof answer !== "object" || !("signals" in answer)) return answer;
  const { signals, ...rest } = answer as { signals: unknown };
  const [signal] = Object.values(signals ?? {}) as { factors?: unknown }[];
  return { ...rest, factors: signal?.factors };
}

/** A GET's status and body; `timeout` bounds the whole exchange. */
function getText(
  url: string,
  options: { agent: Agent; headers: Record<string, string>; timeout: number },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: options.agent, headers: options.headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body });
      });
      response.on("error", reject);
    });
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${options.timeout} ms`)),
      options.timeout,
    );
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The explanation in the form a Json column takes, or nothing to store. */
export async function explanationToStore(
  explain: ExplainScore | null,
  evaluationId: string | null | undefined,
): Promise<Prisma.InputJsonValue | undefined> {
  if (!explain || !evaluationId) return undefined;
  return (await explain(evaluationId)) ?? undefined;
}

/** What the presenter is shown about one score; plain data, so a server action can return it. */
export type ScoreWhy = {
  signal: string | null;
  score: number | null;
  riskLevel: string | null;
  /** Where the evaluation came from: only the emulator tells its factors. */
  mode: StripeConfig["mode"];
  explanation: ScoreExplanation | null;
  /** For the Stripe Dashboard link in Stripe mode. */
  customerId: string | null;
  /** Why Radar gave no evaluation (it was down, timed out...), when it gave none. */
  unavailableReason: string | null;
};

/** The "Why?" of any saved evaluation, from its score and its stored `factors`. */
export function scoreWhy(
  saved: {
    signal: string | null;
    score: number | null;
    riskLevel: string | null;
    factors: Prisma.JsonValue | null;
    customerId: string | null;
    unavailableReason?: string | null;
  },
  mode: StripeConfig["mode"],
): ScoreWhy {
  return {
    unavailableReason: saved.unavailableReason ?? null,
    signal: saved.signal,
    score: saved.score,
    riskLevel: saved.riskLevel,
    mode,
    explanation: storedExplanation(saved.factors),
    customerId: saved.customerId,
  };
}

export function customerEvaluationWhy(
  record: Pick<
    CustomerEvaluation,
    "signal" | "score" | "riskLevel" | "factors" | "stripeCustomerId" | "unavailableReason"
  >,
  mode: StripeConfig["mode"],
): ScoreWhy {
  return scoreWhy({ ...record, customerId: record.stripeCustomerId }, mode);
}

/** The "Why?" of a saved Customer Evaluation, read by its row ID. */
export async function findCustomerEvaluationWhy(
  prisma: PrismaClient,
  recordId: string,
  mode: StripeConfig["mode"],
): Promise<ScoreWhy | undefined> {
  const record = await prisma.customerEvaluation.findUnique({ where: { id: recordId } });
  return record ? customerEvaluationWhy(record, mode) : undefined;
}

/** The "Why?" of an order's latest payment attempt. */
export async function findLatestPaymentWhy(
  prisma: PrismaClient,
  orderId: string,
  mode: StripeConfig["mode"],
): Promise<ScoreWhy | undefined> {
  const attempt = await prisma.paymentAttempt.findFirst({
    where: { orderId },
    orderBy: { createdAt: "desc" },
    include: { order: { select: { user: { select: { stripeCustomerId: true } } } } },
  });
  if (!attempt) return undefined;
  return scoreWhy(
    {
      signal: "fraudulent_payment",
      score: attempt.score,
      riskLevel: attempt.riskLevel,
      factors: attempt.factors,
      customerId: attempt.order.user.stripeCustomerId,
      unavailableReason: attempt.unavailableReason,
    },
    mode,
  );
}
