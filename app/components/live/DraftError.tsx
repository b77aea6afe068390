// Why a reflection or evaluation did not reach the server. For a passing reason (a busy or
// struggling server) it adds that what was typed stays on this device and goes along later.
import type { AppError } from "../../core/protocol";
import { ErrorAlert } from "../ErrorAlert";

export function DraftError({ error, kept }: { error: AppError | null; kept: string }) {
  const passing = error?.code === "internal" || error?.code === "rate_limited";
  return <ErrorAlert message={error ? `${error.message}${passing ? ` ${kept}` : ""}` : null} />;
}
