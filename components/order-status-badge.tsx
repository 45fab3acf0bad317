import type { OrderStatus } from "@/lib/generated/prisma/client";

const STYLES: Record<OrderStatus, string> = {
  paid: "bg-emerald-100 text-emerald-800",
  processing: "bg-sky-100 text-sky-800",
  requires_action: "bg-amber-100 text-amber-800",
  pending: "bg-slate-100 text-slate-700",
  declined: "bg-red-100 text-red-800",
  blocked: "bg-red-600 text-white",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}
      data-testid="order-status"
    >
      {status.replace("_", " ")}
    </span>
  );
}
