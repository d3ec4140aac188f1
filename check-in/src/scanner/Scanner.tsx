import { useT } from '@ceremony/shared/ui';
import { useEffect, useRef, useState } from 'react';
import type { Html5Qrcode } from 'html5-qrcode';
import { nextCamera, type Camera } from './cameras.js';
import { createCooldown } from './cooldown.js';

type Phase = 'starting' | 'running' | 'unavailable' | 'denied';

/** How long the same badge stays quiet after it was read. */
const COOLDOWN_MS = 4000;
const REGION_ID = 'badge-camera';

/** Why the camera cannot start here, or null if it may. */
function cameraBlocker(): 'unavailable' | null {
  if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) return 'unavailable';
  return null;
}

/** Whether the running camera has a torch; some browsers throw instead of answering no. */
function torchSupported(reader: Html5Qrcode): boolean {
  try {
    return reader.getRunningTrackCameraCapabilities().torchFeature().isSupported();
  } catch {
    return false;
  }
}

/** The id of the camera the reader is filming with, as the browser reports it. */
function runningCamera(reader: Html5Qrcode): string | null {
  try {
    return reader.getRunningTrackSettings().deviceId ?? null;
  } catch {
    return null;
  }
}

/**
 * The camera viewfinder: reads badge QR codes continuously with html5-qrcode (loaded only when
 * the camera is wanted, so the app itself opens fast), back camera first, with a camera switch and
 * the torch where the phone has one.
 */
export function Scanner({ onCode }: { onCode: (text: string) => void }) {
  const t = useT();
  const [phase, setPhase] = useState<Phase>(() => cameraBlocker() ?? 'starting');
  const [cameras, setCameras] = useState<Camera[]>([]);
  // The camera asked for; null asks for the back one ({ facingMode: 'environment' }). Where the
  // browser cannot tell which camera faces back (no facingMode, as with desktop webcams and
  // Chromium's fake cameras), it gives its default camera, and the switch reaches the others.
  const [wanted, setWanted] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [torch, setTorch] = useState<{ supported: boolean; on: boolean }>({ supported: false, on: false });
  const scanner = useRef<Html5Qrcode | null>(null);
  const section = useRef<HTMLElement>(null);
  const reads = useRef(0);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  // One cool-down for the whole viewfinder: switching cameras with the badge still in view must
  // not admit it (or warn about it) again.
  const [pass] = useState(() => createCooldown(COOLDOWN_MS));
  // html5-qrcode throws if a start overlaps the previous camera's stop, so each start waits for it.
  const stopped = useRef<Promise<void>>(Promise.resolve());
  // The list is read inside the effect but must not restart the camera when it arrives.
  const camerasRef = useRef(cameras);
  camerasRef.current = cameras;

  useEffect(() => {
    if (cameraBlocker()) return;
    let cancelled = false;
    const started = (async () => {
      await stopped.current;
      const { Html5Qrcode, Html5QrcodeSupportedFormats } = await import('html5-qrcode');
      if (cancelled) return null;
      const reader = new Html5Qrcode(REGION_ID, {
        formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
        verbose: false,
      });
      await reader.start(
        wanted ?? { facingMode: 'environment' },
        {
          fps: 12,
          qrbox: (w, h) => ({
            width: Math.floor(Math.min(w, h) * 0.75),
            height: Math.floor(Math.min(w, h) * 0.75),
          }),
        },
        (text) => {
          // Every read, passed or kept quiet, so one can see the camera is reading (tests do).
          section.current?.setAttribute('data-reads', String(++reads.current));
          if (pass(text, Date.now())) onCodeRef.current(text);
        },
        () => {},
      );
      return reader;
    })();
    started.then(
      async (reader) => {
        if (!reader || cancelled) return;
        scanner.current = reader;
        setPhase('running');
        setActive(runningCamera(reader));
        setTorch({ supported: torchSupported(reader), on: false });
        if (camerasRef.current.length === 0) {
          const list = await import('html5-qrcode').then((m) => m.Html5Qrcode.getCameras()).catch(() => []);
          if (!cancelled) setCameras(list.map((c) => ({ id: c.id, label: c.label })));
        }
      },
      (err: unknown) => {
        if (cancelled) return;
        const name = (err as { name?: string })?.name ?? String(err);
        setPhase(/NotAllowed|Permission/i.test(name) ? 'denied' : 'unavailable');
      },
    );
    return () => {
      cancelled = true;
      scanner.current = null;
      stopped.current = started.then(
        async (reader) => {
          if (reader?.isScanning) await reader.stop().catch(() => {});
        },
        () => {},
      );
    };
  }, [wanted, pass]);

  async function toggleTorch() {
    const reader = scanner.current;
    if (!reader) return;
    try {
      await reader.getRunningTrackCameraCapabilities().torchFeature().apply(!torch.on);
      setTorch({ supported: true, on: !torch.on });
    } catch {
      setTorch({ supported: false, on: false });
    }
  }

  const switchCamera = () => {
    const next = nextCamera(cameras, active);
    if (!next || next === active) return;
    setPhase('starting');
    setWanted(next);
  };

  return (
    <section ref={section} className="camera" data-testid="camera" data-phase={phase} data-reads={0}>
      <div id={REGION_ID} className="camera__view" />
      {phase !== 'running' && (
        <p className="camera__note" role="status">
          {phase === 'starting' && t('camera.starting')}
          {phase === 'unavailable' && t('camera.unavailable')}
          {phase === 'denied' && t('camera.denied')}
        </p>
      )}
      {phase === 'running' && (
        <div className="camera__tools">
          {cameras.length > 1 && (
            <button
              type="button"
              className="cer-button camera__tool"
              data-testid="camera-switch"
              onClick={switchCamera}
            >
              {t('camera.switch')}
            </button>
          )}
          {torch.supported && (
            <button
              type="button"
              className="cer-button camera__tool"
              aria-pressed={torch.on}
              data-testid="camera-torch"
              onClick={() => void toggleTorch()}
            >
              {torch.on ? t('camera.torchOff') : t('camera.torchOn')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
