// Creating a session: rate-limited per address, the input parsed, a free join code drawn, the
// document stored, then the room registered.
import { JOIN_CODE_SPACE, joinCodeFromBytes } from "../../../app/core/join-code";
import { fail, ok } from "../../../app/core/protocol";
import { createSessionInput, initialState, newSessionDoc } from "../../../app/core/session";
import type { CreatedSession, ServiceResult } from "../../../app/core/session-service";
import { describeZodError, dutchErrors } from "../../../app/core/zod-errors";
import { KeyedLimiter } from "../rate-limit";
import { type RoomsContext, nowMs } from "./context";
import { newRoom } from "./room";
import { hashToken } from "./tokens";

/** Sessions a single address may create: 10 at once, then one per minute. */
const CREATE_LIMIT = { capacity: 10, perSecond: 1 / 60 };

export function createLimiter(ctx: RoomsContext): KeyedLimiter {
  return new KeyedLimiter(CREATE_LIMIT, () => nowMs(ctx));
}

export async function createSession(ctx: RoomsContext, limiter: KeyedLimiter, input: unknown, clientKey: string): Promise<ServiceResult<CreatedSession>> {
  const { deps } = ctx;
  if (!limiter.take(clientKey)) {
    return fail("rate_limited", "Je hebt in korte tijd veel sessies aangemaakt. Probeer het over een paar minuten opnieuw.");
  }
  const parsed = createSessionInput.safeParse(input, dutchErrors);
  if (!parsed.success) return fail("invalid_payload", describeZodError(parsed.error));
  const data = parsed.data;
  const slug = "slug" in data.source ? data.source.slug : undefined;
  const vignetteCase = slug ? deps.content.cases.find((c) => c.slug === slug) : undefined;
  if (slug && !vignetteCase) return fail("invalid_payload", "Dit gesprek staat niet in de bibliotheek.");
  if (data.source.kind === "roleplay" && vignetteCase && !vignetteCase.roleplay) {
    return fail("invalid_payload", "Bij dit gesprek hoort geen rollenspelscript. Kies een ander gesprek of een vrij rollenspel.");
  }
  const method = data.method ? deps.content.methods.find((m) => m.id === data.method) : undefined;
  if (data.method && !method) return fail("invalid_payload", "Deze werkvorm bestaat niet. Kies een werkvorm uit de lijst.");
  if (method?.ownCase && (data.source.kind !== "roleplay" || slug)) {
    return fail("invalid_payload", "Een eigen casus speel je na als rollenspel zonder script uit de bibliotheek: de inbrenger geeft de spelers hun instructie.");
  }
  const id = deps.newId();
  const hostToken = deps.newId();
  const code = newCode(ctx);
  const doc = newSessionDoc({
    id,
    code,
    hostTokenHash: hashToken(hostToken),
    now: nowMs(ctx),
    input: data,
    vignette: vignetteCase
      ? {
          title: vignetteCase.title,
          situation: vignetteCase.situation,
          groupQuestion: vignetteCase.groupQuestion,
          duration: vignetteCase.duration,
        }
      : null,
    method: method
      ? { id: method.id, title: method.title, ownCase: Boolean(method.ownCase), rounds: method.rounds.map(({ id, title, minutes, phase }) => ({ id, title, minutes, phase })) }
      : null,
  });
  try {
    await deps.store.create(doc);
  } catch (error) {
    deps.warn?.(`Sessie aanmaken mislukt: ${(error as Error).message}`);
    return fail("storage_failed", "De sessie kon niet worden opgeslagen. Probeer het opnieuw.");
  }
  ctx.registry.add(newRoom(id, initialState(doc), null));
  return ok({
    sessionId: id,
    code,
    hostToken,
    joinUrl: `/doe-mee?code=${code}`,
    hostUrl: `/sessie/${code}/host#token=${hostToken}`,
  });
}

function newCode(ctx: RoomsContext): string {
  // With 10^8 codes a collision is rare; drawing again keeps codes unique among held sessions.
  for (let attempt = 0; attempt < 100; attempt++) {
    const code = joinCodeFromBytes(ctx.deps.randomBytes(16));
    if (code && !ctx.registry.codeTaken(code)) return code;
  }
  throw new Error(`geen vrije sessiecode gevonden (${ctx.registry.codeCount} van ${JOIN_CODE_SPACE} in gebruik)`);
}
