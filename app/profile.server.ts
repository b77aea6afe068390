// The anonymous self-study profile: a random id in a signed, httpOnly cookie; the data lives in
// the store. Nothing is created until the person saves something.
import type { AppLoadContext } from "@remix-run/node";
import type { Profile } from "./core/profile";

export async function readProfileId(request: Request, context: AppLoadContext): Promise<string | null> {
  const value: unknown = await context.services.profileCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : null;
}

export async function readProfile(request: Request, context: AppLoadContext): Promise<Profile | null> {
  const id = await readProfileId(request, context);
  return id ? context.services.profiles.get(id) : null;
}

/**
 * Applies a change to the visitor's profile, starting one when there is none. Returns the
 * profile and the Set-Cookie header to send when the id is new.
 */
export async function updateProfile(
  request: Request,
  context: AppLoadContext,
  change: (profile: Profile) => Profile,
): Promise<{ profile: Profile; headers: HeadersInit }> {
  const existing = await readProfileId(request, context);
  const id = existing ?? context.services.newId();
  const profile = await context.services.profiles.update(id, change);
  const headers: HeadersInit = existing ? {} : { "Set-Cookie": await context.services.profileCookie.serialize(id, { secure: overHttps(request) }) };
  return { profile, headers };
}

export async function forgetProfileCookie(request: Request, context: AppLoadContext): Promise<string> {
  return context.services.profileCookie.serialize("", { maxAge: 0, secure: overHttps(request) });
}

/**
 * Secure where the visitor reached us over https (directly, or through a proxy trusted with
 * TRUST_PROXY); plain http on a LAN at an OT evening keeps working.
 */
function overHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}
