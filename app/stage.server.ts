// What the host's two screens (control view and projector view) load alike: the session code from
// the address, the join link phones can reach (PUBLIC_URL or the LAN address; decision 010) with
// its QR code and the other addresses, the reveal's content, and the casus slug asked for with ?casus=.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { revealContent } from "~/components/results/reveal-content";
import { normaliseCode } from "~/realtime/room-content";
import { joinLinks, joinQrDataUrl } from "~/realtime/room-content.server";

export async function stageLoaderData({ params, request, context }: LoaderFunctionArgs) {
  const code = normaliseCode(params.code);
  if (!code) throw new Response("Deze sessiecode kan niet kloppen.", { status: 404 });
  const { content } = context.services;
  const slug = new URL(request.url).searchParams.get("casus");
  const join = joinLinks(request, code, context.services);
  return {
    code,
    ...join,
    // A ?casus= request only wants the casus: no QR code to draw.
    qr: slug ? null : await joinQrDataUrl(join.joinUrl),
    slug,
    content,
    ...revealContent(content),
  };
}
