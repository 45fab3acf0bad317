-- CreateTable
CREATE TABLE "PaymentAttempt" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "paymentMethod" TEXT NOT NULL,
    "radarSession" TEXT,
    "cardBrand" TEXT,
    "cardLast4" TEXT,
    "paymentEvaluationId" TEXT,
    "score" DOUBLE PRECISION,
    "riskLevel" TEXT,
    "recommendedAction" TEXT,
    "decision" "Decision" NOT NULL,
    "unavailableReason" TEXT,
    "evaluationRaw" JSONB,
    "paymentIntentId" TEXT,
    "paymentIntentStatus" TEXT,
    "declineCode" TEXT,
    "failureMessage" TEXT,
    "threeDSecureResult" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaymentAttempt_pkey" PRIMARY KEY ("id")
);

-- Each order's latest attempt, as the order kept it, becomes its first recorded attempt.
INSERT INTO "PaymentAttempt" (
    "id", "orderId", "paymentMethod", "radarSession", "paymentEvaluationId", "score", "riskLevel",
    "recommendedAction", "decision", "unavailableReason", "evaluationRaw", "paymentIntentId",
    "paymentIntentStatus", "failureMessage", "createdAt", "updatedAt"
)
SELECT
    'migrated_' || "id", "id", "paymentMethod", "radarSession", "paymentEvaluationId", "riskScore",
    "riskLevel", "recommendedAction",
    CASE WHEN "recommendedAction" = 'block' THEN 'block'::"Decision" ELSE 'allow'::"Decision" END,
    "evaluationUnavailableReason", "evaluationRaw", "paymentIntentId", "paymentIntentStatus",
    "failureMessage", "updatedAt", "updatedAt"
FROM "Order"
WHERE "paymentMethod" IS NOT NULL;

-- AlterTable
ALTER TABLE "Order" DROP COLUMN "evaluationRaw",
DROP COLUMN "evaluationUnavailableReason",
DROP COLUMN "failureMessage",
DROP COLUMN "paymentEvaluationId",
DROP COLUMN "radarSession",
DROP COLUMN "recommendedAction",
DROP COLUMN "riskLevel",
DROP COLUMN "riskScore",
ADD COLUMN "number" SERIAL NOT NULL;

-- Order numbers read like order numbers from the first one on.
ALTER SEQUENCE "Order_number_seq" RESTART WITH 1001;
UPDATE "Order" SET "number" = "number" + 1000;

-- CreateIndex
CREATE UNIQUE INDEX "Order_number_key" ON "Order"("number");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentAttempt_paymentEvaluationId_key" ON "PaymentAttempt"("paymentEvaluationId");

-- CreateIndex
CREATE INDEX "PaymentAttempt_orderId_createdAt_idx" ON "PaymentAttempt"("orderId", "createdAt");

-- CreateIndex
CREATE INDEX "PaymentAttempt_createdAt_id_idx" ON "PaymentAttempt"("createdAt", "id");

-- CreateIndex
CREATE INDEX "PaymentAttempt_riskLevel_createdAt_id_idx" ON "PaymentAttempt"("riskLevel", "createdAt", "id");

-- CreateIndex
CREATE INDEX "PaymentAttempt_decision_createdAt_id_idx" ON "PaymentAttempt"("decision", "createdAt", "id");

-- CreateIndex
CREATE INDEX "CustomerEvaluation_createdAt_id_idx" ON "CustomerEvaluation"("createdAt", "id");

-- CreateIndex
CREATE INDEX "CustomerEvaluation_eventType_createdAt_id_idx" ON "CustomerEvaluation"("eventType", "createdAt", "id");

-- CreateIndex
CREATE INDEX "CustomerEvaluation_riskLevel_createdAt_id_idx" ON "CustomerEvaluation"("riskLevel", "createdAt", "id");

-- CreateIndex
CREATE INDEX "CustomerEvaluation_decision_createdAt_id_idx" ON "CustomerEvaluation"("decision", "createdAt", "id");

-- CreateIndex
CREATE INDEX "CustomerEvaluation_email_createdAt_id_idx" ON "CustomerEvaluation"("email", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "PaymentAttempt" ADD CONSTRAINT "PaymentAttempt_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;
