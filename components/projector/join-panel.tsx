'use client';

import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { deriveParticipantSecret } from '@/lib/join-secret';
import { buildLink } from '@/lib/links';

/** A QR code and the link to join as a participant, derived from the projector's own link. */
export function JoinPanel({ workshopId, projectorSecret }: { workshopId: string; projectorSecret: string }) {
  const link = buildLink(window.location.origin, workshopId, 'participant', deriveParticipantSecret(projectorSecret));
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } }).then((code) => {
      if (!cancelled) setSvg(code);
    });
    return () => {
      cancelled = true;
    };
  }, [link]);
  return (
    // Pinned beside the content, never below it: the code must be on screen whatever is focused.
    <aside aria-label="Join this workshop" className="flex w-[30vh] shrink-0 flex-col items-center gap-[1.5vh] self-start rounded-2xl bg-white p-[2vh] text-slate-950">
      <p className="text-[3vh] leading-tight font-bold">Join on your phone</p>
      {svg ? (
        // The SVG comes from the QR library for our own link: no user content in it.
        <div role="img" aria-label="QR code to join as a participant" data-testid="join-qr" className="aspect-square w-full [&>svg]:h-full [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: svg }} />
      ) : (
        <div className="aspect-square w-full" />
      )}
      <p className="text-[1.6vh]">or open</p>
      <p className="w-full font-mono text-[1.4vh] leading-snug break-all" data-testid="join-link">{link}</p>
    </aside>
  );
}
