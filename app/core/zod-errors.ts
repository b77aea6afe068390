// zod errors as people read them, formatted one way everywhere: where (the path, dotted) and what.
import { z } from "zod";

/** zod's messages in Dutch, for the errors users see (the second argument of safeParse). */
export const dutchErrors = { error: z.locales.nl().localeError };

/** One issue as "path: message"; an issue about the whole value gets `whole` as its path ("" leaves it out). */
export function describeIssue(issue: z.core.$ZodIssue, whole = ""): string {
  const where = issue.path.length ? issue.path.join(".") : whole;
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** The first issue of a failed parse: the one to fix first. */
export function describeZodError(error: z.ZodError, whole = ""): string {
  return describeIssue(error.issues[0], whole);
}
