// zod errors as users read them: in Dutch, the first issue with where it is.
import { z } from "zod";

/** zod messages in Dutch, for the errors users see. */
export const dutchErrors = { error: z.locales.nl().localeError };

export function describeZodError(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  return `${where}${first.message}`;
}
