'use client';

import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { formatJoinCode } from '@/lib/join-code';
import { deriveParticipantSecret } from '@/lib/join-secret';
import { buildLink } from '@/lib/links';
import { useJoinCode } from './use-join-code';

/**
 * A QR code, the short join code with its short URL (`/join`), and the full participant link
 * (derived from the projector's own link) for anyone who cannot scan or type.
 */
export function JoinPanel({ workshopId, projectorSecret, panelVersion }: { workshopId: string; projectorSecret: string; panelVersion: string | null }) {
  const link = buildLink(window.location.origin, workshopId, 'participant', deriveParticipantSecret(projectorSecret));
  const code = useJoinCode(workshopId, projectorSecret, panelVersion);
  const shortUrl = `${window.location.host}/join`;
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
      {code && (
        <div className="flex w-full flex-col items-center gap-[0.5vh] border-t border-slate-300 pt-[1.5vh]">
          <p className="text-center text-[2.4vh] leading-tight">
            or go to{' '}
            <span className="font-bold break-all" data-testid="join-short-url">
              {shortUrl}
            </span>
          </p>
          <p className="text-[2vh] leading-tight">and type the code</p>
          {/* 4vh: the nine characters of "K7QM-3XTR" fit the panel's width at any resolution. */}
          <p className="font-mono text-[4vh] leading-none font-bold tracking-wide whitespace-nowrap">
            <span className="sr-only">Join code: </span>
            <span data-testid="join-code">{formatJoinCode(code)}</span>
          </p>
        </div>
      )}
      <p className="w-full font-mono text-[1.4vh] leading-snug break-all text-slate-700" data-testid="join-link">{link}</p>
    </aside>
  );
}
