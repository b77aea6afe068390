// The session evaluation: a few 0–10 questions the group answers at the end (content/evaluation.yaml).
// The questions are data; this file validates them, checks a participant's answers against them and
// summarises the group's answers for the report. Pure: no I/O.
import { mean } from "simple-statistics";
import { z } from "zod";
import { describeIssues } from "./content-schema";
import { SCORE_MAX, SCORE_MIN } from "./domain";
import { EVALUATION_QUESTION_ID, type SessionEvaluation } from "./protocol";

const text = z.string().trim().min(1, "mag niet leeg zijn");

export const evaluationQuestionSchema = z.strictObject({
  id: z.string().regex(EVALUATION_QUESTION_ID, "alleen kleine letters, cijfers en streepjes").max(40),
  /** The statement or question, in Dutch. */
  label: text,
  /** What 0 and 10 mean. */
  low: text,
  high: text,
});

export const evaluationFileSchema = z
  .strictObject({
    title: text,
    intro: text,
    questions: z.array(evaluationQuestionSchema).min(1).max(10),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `het id "${q.id}" komt twee keer voor` });
      seen.add(q.id);
    });
  });

export type EvaluationForm = z.infer<typeof evaluationFileSchema>;
export type EvaluationQuestion = EvaluationForm["questions"][number];

export function parseEvaluationForm(file: string, raw: unknown): { ok: true; form: EvaluationForm } | { ok: false; message: string } {
  const result = evaluationFileSchema.safeParse(raw);
  return result.success ? { ok: true, form: result.data } : { ok: false, message: describeIssues(file, result.error) };
}

/** Null when the answers fit the questions: every question answered with a whole number 0–10, nothing else. */
export function checkEvaluationAnswers(questions: readonly Pick<EvaluationQuestion, "id">[], answers: Readonly<Record<string, number>>): string | null {
  const known = new Set(questions.map((q) => q.id));
  const unknown = Object.keys(answers).filter((id) => !known.has(id));
  if (unknown.length) return `Onbekende vraag: "${unknown[0]}".`;
  const missing = questions.filter((q) => answers[q.id] === undefined);
  if (missing.length) return missing.length === 1 ? "Beantwoord ook de laatste vraag." : `Beantwoord alle vragen (nog ${missing.length} open).`;
  for (const [id, value] of Object.entries(answers)) {
    if (!Number.isInteger(value) || value < SCORE_MIN || value > SCORE_MAX) return `Het antwoord bij "${id}" moet een heel getal van 0 tot 10 zijn.`;
  }
  return null;
}

export interface EvaluationSummaryRow {
  id: string;
  label: string;
  /** Participants who answered this question. */
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
}

/** Per question: how many answered, the mean and the range. */
export function summariseEvaluations(
  questions: readonly Pick<EvaluationQuestion, "id" | "label">[],
  evaluations: readonly Pick<SessionEvaluation, "answers">[],
): EvaluationSummaryRow[] {
  return questions.map((q) => {
    const values = evaluations.map((e) => e.answers[q.id]).filter((v): v is number => typeof v === "number");
    return {
      id: q.id,
      label: q.label,
      n: values.length,
      mean: values.length ? mean(values) : null,
      min: values.length ? Math.min(...values) : null,
      max: values.length ? Math.max(...values) : null,
    };
  });
}
