'use client';

import { useEffect, useRef, useState } from 'react';
import { ui } from '@/components/ui';
import { localized, type Lang } from '@/lib/i18n';
import { videoTexts } from '@/lib/i18n/video';

/**
 * Our own device check before the room (Jitsi's pre-join screen is skipped): camera preview, a microphone level
 * and a short tone for the speaker. The tracks are released when the visitor is ready, so that Jitsi can take
 * the devices.
 */
export function DeviceCheck({ lang, onReady }: { lang: Lang; onReady: () => void }) {
  const t = localized(videoTexts, lang).device;
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [level, setLevel] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!stream) return;
    if (video.current) video.current.srcObject = stream;
    const AudioCtx = window.AudioContext;
    if (!AudioCtx || stream.getAudioTracks().length === 0) return;
    const audio = new AudioCtx();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 256;
    audio.createMediaStreamSource(stream).connect(analyser);
    const samples = new Uint8Array(analyser.frequencyBinCount);
    let frame = 0;
    const tick = () => {
      analyser.getByteTimeDomainData(samples);
      let peak = 0;
      for (const s of samples) peak = Math.max(peak, Math.abs(s - 128));
      setLevel(Math.min(100, Math.round((peak / 128) * 100)));
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => {
      cancelAnimationFrame(frame);
      void audio.close();
    };
  }, [stream]);

  useEffect(() => () => stream?.getTracks().forEach((track) => track.stop()), [stream]);

  async function allow() {
    setError(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setError(t.unavailable);
      return;
    }
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: true, audio: true }));
    } catch {
      setError(t.denied);
    }
  }

  function testSpeaker() {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 440;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.6);
    tone.onended = () => void audio.close();
  }

  function ready() {
    stream?.getTracks().forEach((track) => track.stop());
    setStream(null);
    onReady();
  }

  return (
    <div className={ui.panel} data-testid="device-check">
      <h2>{t.title}</h2>
      <p className={ui.lead}>{t.lead}</p>
      {stream ? (
        <>
          <video
            ref={video}
            autoPlay
            muted
            playsInline
            aria-label={t.preview}
            data-testid="camera-preview"
            style={{ width: '100%', maxWidth: 420, borderRadius: 8, background: '#111' }}
          />
          <p>
            {t.microphone}{' '}
            <meter min={0} max={100} value={level} aria-label={t.microphone} data-testid="mic-level" />
          </p>
          <div className={ui.actions}>
            <button type="button" className="btn btn--secondary" onClick={testSpeaker}>
              {t.speaker}
            </button>
            <button type="button" className="btn btn--primary" onClick={ready} data-testid="device-ready">
              {t.ready}
            </button>
          </div>
        </>
      ) : (
        <div className={ui.actions}>
          <button type="button" className="btn btn--primary" onClick={allow} data-testid="device-allow">
            {t.allow}
          </button>
        </div>
      )}
      {error && (
        <p className={`${ui.notice} ${ui.error}`} role="alert" data-testid="device-error">
          {error}
        </p>
      )}
    </div>
  );
}
