import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from '../shared/components';

/** The part of the Barcode Detection API we use (not yet in TypeScript's DOM library). */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorConstructor | undefined {
  return (window as unknown as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
}

/** Whether this browser can read a QR code from the camera itself (Chrome, Edge, Android). */
export function cameraScanningAvailable(): boolean {
  return Boolean(detectorClass() && navigator.mediaDevices?.getUserMedia);
}

/**
 * Reads a QR code with the workstation's camera: the Barcode Detection API
 * on the video, a few times a second, until a code is seen. Where the browser
 * has no detector, the counter uses a USB scanner (which types into the
 * reception field) or the reference read aloud.
 */
export function CameraScanner({
  onDetected,
  onClose,
}: {
  onDetected: (text: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) {
      setFailure(t('notify-counter.scan.cameraUnavailable'));
      return;
    }
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let stopped = false;
    const detector = new Detector({ formats: ['qr_code'] });
    const look = async () => {
      if (stopped || !video.current) return;
      try {
        if (video.current.readyState >= 2) {
          const codes = await detector.detect(video.current);
          const found = codes.find((code) => code.rawValue);
          if (found && !stopped) {
            stopped = true;
            onDetected(found.rawValue);
            return;
          }
        }
      } catch {
        // A frame that could not be read: try the next one.
      }
      timer = window.setTimeout(() => void look(), 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((media) => {
        stream = media;
        if (stopped) return;
        if (video.current) {
          video.current.srcObject = media;
          void video.current.play();
        }
        void look();
      })
      .catch(() => setFailure(t('notify-counter.scan.cameraDenied')));
    return () => {
      stopped = true;
      if (timer !== undefined) window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onDetected, t]);

  return (
    <div className="notify-camera">
      {failure ? (
        <Alert tone="warning" live="polite">
          {failure}
        </Alert>
      ) : (
        <>
          <p id="camera-help">{t('notify-counter.scan.cameraHelp')}</p>
          <video
            ref={video}
            className="notify-camera__video"
            muted
            playsInline
            aria-describedby="camera-help"
          />
        </>
      )}
      <div className="mg-actions">
        <Button variant="secondary" onClick={onClose}>
          {t('notify-counter.scan.cameraClose')}
        </Button>
      </div>
    </div>
  );
}
