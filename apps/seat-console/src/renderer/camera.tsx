// Shares read from a camera (docs/design.md §3): each seat member holds the QR code of their share to the
// console's camera, and the page puts what it reads into the next empty field. Nothing leaves the
// page: the frames are decoded here and dropped, and the camera is stopped as soon as every field is
// filled, the president closes it, or the screen changes.
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useConsole } from './ui.js';

/** A share's text is about 110 characters; anything much longer read from a code is not one. */
const MAX_TEXT = 200;
/** How often a frame is looked at: enough for a code held still, little work for the console. */
const FRAME_MS = 150;
/** The frame is read at this width at the most (a QR code needs no more). */
const READ_WIDTH = 640;

/** The same share however it is written: case, spaces and dashes aside. */
export const sameShare = (a: string, b: string) => a.replace(/[\s-]/g, '').toUpperCase() === b.replace(/[\s-]/g, '').toUpperCase();

/**
 * `onShare` is given each new share text read (one that is not among `entered`); `full` stops the
 * camera once every field has a share.
 */
export function ShareCamera({ entered, full, onShare }: { entered: readonly string[]; full: boolean; onShare: (text: string) => void }) {
  const { t } = useConsole();
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  // The latest fields, for the frame loop, which lives as long as the camera.
  const latest = useRef({ entered, onShare });
  latest.current = { entered, onShare };

  useEffect(() => {
    if (full) setOn(false);
  }, [full]);

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const look = () => {
      const v = video.current;
      if (!v || !context || v.readyState < 2 || v.videoWidth === 0) return;
      const scale = Math.min(1, READ_WIDTH / v.videoWidth);
      canvas.width = Math.round(v.videoWidth * scale);
      canvas.height = Math.round(v.videoHeight * scale);
      context.drawImage(v, 0, 0, canvas.width, canvas.height);
      const frame = context.getImageData(0, 0, canvas.width, canvas.height);
      const text = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data;
      if (!text || text.length > MAX_TEXT || !/^SEGGIO-/i.test(text)) return;
      if (latest.current.entered.some((e) => sameShare(e, text))) return;
      latest.current.onShare(text);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((s) => {
        stream = s;
        if (stopped) return s.getTracks().forEach((track) => track.stop());
        setProblem(null);
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play().catch(() => undefined);
        }
        timer = setInterval(look, FRAME_MS);
      })
      .catch((error: unknown) => {
        setProblem(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        setOn(false);
      });
    return () => {
      stopped = true;
      clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
      if (video.current) video.current.srcObject = null;
    };
  }, [on]);

  return (
    <div className="camera">
      {problem && (
        <p className="problems-title" role="alert">
          {t('camera.unavailable')} <span lang="en">({problem})</span>
        </p>
      )}
      {!on ? (
        <button type="button" onClick={() => setOn(true)} disabled={full}>
          {t('camera.start')}
        </button>
      ) : (
        <>
          <p role="status">{t('camera.hold')}</p>
          <video ref={video} className="camera-view" muted playsInline aria-label={t('camera.view')} />
          <button type="button" onClick={() => setOn(false)}>
            {t('camera.stop')}
          </button>
        </>
      )}
    </div>
  );
}
