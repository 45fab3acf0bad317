-- CreateEnum
CREATE TYPE "RadarSessionFlow" AS ENUM ('registration', 'login', 'checkout');

-- CreateTable
CREATE TABLE "RadarSessionClaim" (
    "radarSession" TEXT NOT NULL,
    "flow" "RadarSessionFlow" NOT NULL,
    "email" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RadarSessionClaim_pkey" PRIMARY KEY ("radarSession")
);

-- Sessions used before claims were per flow stay owned by their account.
INSERT INTO "RadarSessionClaim" ("radarSession", "flow", "email", "claimedAt")
SELECT u."radarSession", 'login', "User"."email", u."firstUsedAt"
FROM "RadarSessionUse" u JOIN "User" ON "User"."id" = u."userId";

-- DropTable
DROP TABLE "RadarSessionUse";

-- RenameTable
ALTER TABLE "LoginThrottle" RENAME TO "RateLimitCounter";
ALTER TABLE "RateLimitCounter" RENAME CONSTRAINT "LoginThrottle_pkey" TO "RateLimitCounter_pkey";
ALTER TABLE "RateLimitCounter" RENAME COLUMN "failures" TO "count";

-- AlterTable
ALTER TABLE "CustomerEvaluation" ADD COLUMN "clientIp" TEXT;
