// The anonymous self-study profile: what a professional studying alone keeps.
import { z } from "zod";
import { ELEMENT_IDS, THEME_IDS } from "./domain";

const scoresSchema = z.strictObject(
  Object.fromEntries(ELEMENT_IDS.map((id) => [id, z.number().int().min(0).max(10)])) as Record<
    (typeof ELEMENT_IDS)[number],
    z.ZodNumber
  >,
);

export const practiceRatingSchema = z.strictObject({
  id: z.string().min(1),
  caseSlug: z.string().min(1),
  at: z.string(),
  scores: scoresSchema,
  observed: z.array(z.string().max(64)).max(64),
  note: z.string().max(2000).default(""),
});

export const moduleProgressSchema = z.strictObject({
  /** Index of the chosen option per self-check question; absent = not answered. */
  answers: z.record(z.string(), z.number().int().min(0).max(9)),
  checkedAt: z.string().optional(),
  completedAt: z.string().optional(),
});

export const profileSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  createdAt: z.string(),
  modules: z.record(z.string(), moduleProgressSchema),
  practice: z.array(practiceRatingSchema),
  werkblad: z.strictObject(
    Object.fromEntries(THEME_IDS.map((id) => [id, z.string().max(10_000)])) as Record<
      (typeof THEME_IDS)[number],
      z.ZodString
    >,
  ),
});

export type Profile = z.infer<typeof profileSchema>;
export type PracticeRating = z.infer<typeof practiceRatingSchema>;
export type ModuleProgress = z.infer<typeof moduleProgressSchema>;

export function emptyProfile(id: string, now: string): Profile {
  return { id, createdAt: now, modules: {}, practice: [], werkblad: { ervaringen: "", behoeften: "", toekomst: "" } };
}

/** The repository the routes use; the server implements it over the store. */
export interface ProfileRepository {
  get(id: string): Promise<Profile | null>;
  /** Loads (or starts) a profile, applies `change`, stores it durably and returns it. */
  update(id: string, change: (profile: Profile) => Profile): Promise<Profile>;
  delete(id: string): Promise<boolean>;
}
