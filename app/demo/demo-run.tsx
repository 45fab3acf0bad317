"use client";

import { createContext, type ReactNode, useContext, useState } from "react";

type DemoRun = { run: number; startOver: () => void };

const DemoRunContext = createContext<DemoRun>({ run: 0, startOver: () => undefined });

/**
 * Which run of the demo the page shows: a reset starts a new one, and the steps' results of the
 * old one (whose links lead to rows that no longer exist) are no longer shown.
 */
export function DemoRunProvider({ children }: { children: ReactNode }) {
  const [run, setRun] = useState(0);
  return (
    <DemoRunContext value={{ run, startOver: () => setRun((previous) => previous + 1) }}>
      {children}
    </DemoRunContext>
  );
}

export const useDemoRun = () => useContext(DemoRunContext);
