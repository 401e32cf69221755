import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/**
 * The otpauth URI as a QR image, drawn locally to a data: URL (the CSP allows images from data: and
 * nowhere else). Always dark on white: phone cameras read that best, whatever the theme.
 */
export function QrCode({ uri }: { uri: string }) {
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 360, color: { dark: '#111111', light: '#ffffff' } })
      .then((url) => current && setDataUrl(url))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [uri]);

  if (failed) return <p className="qr qr--failed">The QR code could not be drawn. Enter the setup key instead.</p>;
  return (
    <div className="qr">
      {dataUrl ? (
        <img src={dataUrl} width={180} height={180} alt="QR code to scan with your authenticator app" />
      ) : (
        <div className="qr__placeholder" aria-hidden="true" />
      )}
    </div>
  );
}
