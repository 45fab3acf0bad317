import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// The device cookie now opens the owner's own log-in limit: kept hashed, like session tokens.
const hash = (deviceId: string) => createHash("sha256").update(deviceId).digest("base64url");

/** Whether this browser has signed in to the account of this email before. */
export async function isRecognisedDevice(
  prisma: PrismaClient,
  email: string,
  deviceId: string,
): Promise<boolean> {
  const found = await prisma.recognisedDevice.findUnique({
    where: { email_deviceHash: { email, deviceHash: hash(deviceId) } },
    select: { email: true },
  });
  return found !== null;
}

/** Remembers that this browser signed in to the account of this email. */
export async function recogniseDevice(
  prisma: PrismaClient,
  email: string,
  deviceId: string,
): Promise<void> {
  const deviceHash = hash(deviceId);
  await prisma.recognisedDevice.upsert({
    where: { email_deviceHash: { email, deviceHash } },
    create: { email, deviceHash },
    update: { lastSignInAt: new Date() },
    select: { email: true },
  });
}
