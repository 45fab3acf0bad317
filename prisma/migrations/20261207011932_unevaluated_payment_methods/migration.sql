-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "unevaluatedCard" TEXT,
ADD COLUMN     "unevaluatedPaymentMethod" TEXT;

-- AlterTable
ALTER TABLE "PaymentAttempt" ADD COLUMN     "cardFingerprint" TEXT;
