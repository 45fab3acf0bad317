-- CreateEnum
CREATE TYPE "EvaluationEvent" AS ENUM ('registration', 'login');

-- CreateEnum
CREATE TYPE "Decision" AS ENUM ('allow', 'review', 'block');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('none', 'pending', 'reported');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "passwordHash" TEXT NOT NULL,
    "stripeCustomerId" TEXT,
    "needsReview" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrationAttempt" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "stripeCustomerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegistrationAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerEvaluation" (
    "id" TEXT NOT NULL,
    "stripeId" TEXT,
    "eventType" "EvaluationEvent" NOT NULL,
    "userId" TEXT,
    "stripeCustomerId" TEXT,
    "email" TEXT NOT NULL,
    "radarSession" TEXT,
    "signal" TEXT,
    "score" DOUBLE PRECISION,
    "riskLevel" TEXT,
    "decision" "Decision" NOT NULL,
    "unavailableReason" TEXT,
    "outcome" TEXT,
    "outcomeReason" TEXT,
    "reportStatus" "ReportStatus" NOT NULL DEFAULT 'none',
    "reportAttempts" INTEGER NOT NULL DEFAULT 0,
    "reportError" TEXT,
    "reportedAt" TIMESTAMP(3),
    "raw" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RadarSessionUse" (
    "radarSession" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "firstUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RadarSessionUse_pkey" PRIMARY KEY ("radarSession")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "windowStartsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_stripeCustomerId_key" ON "User"("stripeCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "RegistrationAttempt_email_key" ON "RegistrationAttempt"("email");

-- CreateIndex
CREATE UNIQUE INDEX "RegistrationAttempt_stripeCustomerId_key" ON "RegistrationAttempt"("stripeCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerEvaluation_stripeId_key" ON "CustomerEvaluation"("stripeId");

-- CreateIndex
CREATE INDEX "CustomerEvaluation_userId_createdAt_idx" ON "CustomerEvaluation"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "CustomerEvaluation_reportStatus_createdAt_idx" ON "CustomerEvaluation"("reportStatus", "createdAt");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerEvaluation" ADD CONSTRAINT "CustomerEvaluation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RadarSessionUse" ADD CONSTRAINT "RadarSessionUse_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
