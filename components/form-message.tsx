/** A message about the whole form, such as a refusal the person should read. */
export function FormMessage({ message }: { message?: string | undefined }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      data-testid="form-message"
      className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
    >
      {message}
    </div>
  );
}
