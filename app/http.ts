// Small response helpers shared by routes.
export function notFound(what: string): never {
  throw new Response(what, { status: 404, statusText: "Niet gevonden" });
}
