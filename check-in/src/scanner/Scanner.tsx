import { useT } from '@ceremony/shared/ui';
import { useEffect, useRef, useState } from 'react';
import type { Html5Qrcode } from 'html5-qrcode';
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

/**
 * The camera viewfinder: reads badge QR codes continuously with html5-qrcode (loaded only when
 * the camera is wanted, so the app itself opens fast), back camera first, with a camera switch and
 * the torch where the phone has one.
 */
export function Scanner({ onCode }: { onCode: (text: string) => void }) {
  const t = useT();
  const [phase, setPhase] = useState<Phase>(() => cameraBlocker() ?? 'starting');
  const [cameras, setCameras] = useState<{ id: string; label: string }[]>([]);
  const [cameraIndex, setCameraIndex] = useState<number | null>(null);
  const [torch, setTorch] = useState<{ supported: boolean; on: boolean }>({ supported: false, on: false });
  const scanner = useRef<Html5Qrcode | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  // The list is read inside the effect but must not restart the camera when it arrives.
  const camerasRef = useRef(cameras);
  camerasRef.current = cameras;

  useEffect(() => {
    if (cameraBlocker()) return;
    let cancelled = false;
    const pass = createCooldown(COOLDOWN_MS);
    const chosen = cameraIndex === null ? null : camerasRef.current[cameraIndex];
    // One start and one stop at a time: html5-qrcode throws if they overlap.
    const started = (async () => {
      const { Html5Qrcode, Html5QrcodeSupportedFormats } = await import('html5-qrcode');
      if (cancelled) return null;
      const reader = new Html5Qrcode(REGION_ID, {
        formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
        verbose: false,
      });
      await reader.start(
        chosen ? chosen.id : { facingMode: 'environment' },
        {
          fps: 12,
          qrbox: (w, h) => ({
            width: Math.floor(Math.min(w, h) * 0.75),
            height: Math.floor(Math.min(w, h) * 0.75),
          }),
        },
        (text) => {
          if (pass(text, Date.now())) onCodeRef.current(text);
        },
        () => {},
      );
      return reader;
    })();
    started.then(
      async (reader) => {
        if (!reader) return;
        if (cancelled) return void (await reader.stop().catch(() => {}));
        scanner.current = reader;
        setPhase('running');
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
      void started.then(
        async (reader) => {
          if (reader?.isScanning) await reader.stop().catch(() => {});
        },
        () => {},
      );
      scanner.current = null;
    };
  }, [cameraIndex]);

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
    if (cameras.length < 2) return;
    setPhase('starting');
    setCameraIndex((i) => ((i ?? -1) + 1) % cameras.length);
  };

  return (
    <section className="camera" data-testid="camera" data-phase={phase}>
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
