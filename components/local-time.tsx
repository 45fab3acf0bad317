"use client";

import { useSyncExternalStore } from "react";

const OPTIONS: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "long" };
/** The server does not know the viewer's time zone: it writes UTC, the browser then its own. */
const inUtc = new Intl.DateTimeFormat("en", { ...OPTIONS, timeZone: "UTC" });

const noSubscription = () => () => {};

/** A date and time in one format everywhere, in the viewer's time zone ("Dec 7, 2026, 2:05:09 AM GMT+1"). */
export function LocalTime({ date, className }: { date: Date; className?: string }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const format = inBrowser ? new Intl.DateTimeFormat("en", OPTIONS) : inUtc;
  return (
    <time dateTime={date.toISOString()} className={className}>
      {format.format(date)}
    </time>
  );
}
