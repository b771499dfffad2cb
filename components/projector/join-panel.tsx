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
    <aside aria-label="Join this workshop" className="flex items-center gap-6 rounded-2xl bg-white p-4 text-slate-950">
      {svg ? (
        // The SVG comes from the QR library for our own link: no user content in it.
        <div role="img" aria-label="QR code to join as a participant" data-testid="join-qr" className="h-56 w-56 shrink-0 [&>svg]:h-full [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: svg }} />
      ) : (
        <div className="h-56 w-56 shrink-0" />
      )}
      <div className="min-w-0">
        <p className="text-3xl font-bold">Join on your phone</p>
        <p className="mt-2 text-xl">Scan the code, or open:</p>
        <p className="mt-1 font-mono text-2xl break-all" data-testid="join-link">{link}</p>
      </div>
    </aside>
  );
}
