-- CreateTable
CREATE TABLE "RecognisedDevice" (
    "email" TEXT NOT NULL,
    "deviceHash" TEXT NOT NULL,
    "lastSignInAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecognisedDevice_pkey" PRIMARY KEY ("email","deviceHash")
);
