-- CreateEnum
CREATE TYPE "RadarApi" AS ENUM ('v1', 'v2');

-- CreateEnum
CREATE TYPE "AccountOutcome" AS ENUM ('allowed', 'restricted', 'blocked', 'refused');

-- AlterTable: every evaluation so far was a v1 Customer Evaluation made with the seeds' version.
ALTER TABLE "CustomerEvaluation"
ADD COLUMN     "apiVersion" TEXT,
ADD COLUMN     "radarApi" "RadarApi" NOT NULL DEFAULT 'v1',
ADD COLUMN     "refusedReason" TEXT,
ADD COLUMN     "unreadableReason" TEXT;

UPDATE "CustomerEvaluation" SET "apiVersion" = '2026-03-04.preview' WHERE "stripeId" IS NOT NULL;

-- The reported type and reason become the outcome they stood for.
ALTER TABLE "CustomerEvaluation"
ALTER COLUMN "outcome" TYPE "AccountOutcome" USING (
  CASE
    WHEN "outcome" IN ('registration_success', 'login_success') AND "decision" = 'review' THEN 'restricted'
    WHEN "outcome" IN ('registration_success', 'login_success') THEN 'allowed'
    WHEN "outcome" IN ('registration_failed', 'login_failed') AND "outcomeReason" LIKE 'suspected_%' THEN 'blocked'
    WHEN "outcome" IN ('registration_failed', 'login_failed') THEN 'refused'
  END
)::"AccountOutcome";

ALTER TABLE "CustomerEvaluation" DROP COLUMN "outcomeReason";
