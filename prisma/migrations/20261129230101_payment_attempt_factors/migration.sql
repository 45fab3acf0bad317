-- AlterTable
ALTER TABLE "PaymentAttempt" ADD COLUMN "factors" JSONB;
