// Lobby and briefing of a media session whose recording is not there yet: the upload.
import { MediaUpload } from "~/components/live/MediaUpload";
import type { SessionSnapshot } from "~/core/protocol";

export function MediaMissing({ snapshot, hostToken }: { snapshot: SessionSnapshot; hostToken: string }) {
  if (snapshot.source.kind !== "media" || snapshot.source.mediaUrl) return null;
  return (
    <section className="card" aria-labelledby="upload-h">
      <h2 id="upload-h">De opname ontbreekt nog</h2>
      <p>Upload de opname die de groep gaat bekijken; daarna kan het live beoordelen beginnen.</p>
      <MediaUpload sessionId={snapshot.sessionId} hostToken={hostToken} />
    </section>
  );
}
