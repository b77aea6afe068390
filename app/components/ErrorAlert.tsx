// A refusal or failure the person has to see now: role="alert", so a screen reader says it at once.
// Renders nothing without a message.
export function ErrorAlert({ message }: { message: string | null | undefined }) {
  return message ? (
    <p className="alert error" role="alert">
      {message}
    </p>
  ) : null;
}
