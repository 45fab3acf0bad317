-- AlterTable
ALTER TABLE "CustomerEvaluation" ADD COLUMN "factors" JSONB;

-- CreateTable
CREATE TABLE "StripeRequest" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "apiVersion" TEXT,
    "status" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "requestId" TEXT,
    "idempotencyKey" TEXT,
    "requestBody" JSONB,
    "responseBody" JSONB,
    "customerId" TEXT,
    "evaluationId" TEXT,
    "orderId" TEXT,

    CONSTRAINT "StripeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StripeRequest_evaluationId_id_idx" ON "StripeRequest"("evaluationId", "id");

-- CreateIndex
CREATE INDEX "StripeRequest_orderId_id_idx" ON "StripeRequest"("orderId", "id");

-- CreateIndex
CREATE INDEX "StripeRequest_customerId_id_idx" ON "StripeRequest"("customerId", "id");
