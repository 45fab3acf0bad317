-- AlterEnum
ALTER TYPE "ReportStatus" ADD VALUE 'failed';

-- AlterTable
ALTER TABLE "CustomerEvaluation" ADD COLUMN     "reportClaimedUntil" TIMESTAMP(3),
ADD COLUMN     "reportNextAttemptAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "WorkerLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkerLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "CustomerEvaluation_reportStatus_reportNextAttemptAt_idx" ON "CustomerEvaluation"("reportStatus", "reportNextAttemptAt");
