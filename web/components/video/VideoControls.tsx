'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { ui } from '@/components/ui';
import { isApiError } from '@/lib/api';
import { localized, type Lang } from '@/lib/i18n';
import { videoTexts } from '@/lib/i18n/video';
import { endVideo, startVideo, videoInfo, type VideoInfo } from '@/lib/video';
import { problemMessage } from './VideoRoom';

/**
 * The doctor's video controls of one consultation, for any page that shows it: Start video (opens the room and
 * goes to it), Join while it is live, End consultation, and the patient's history. Needs a signed-in doctor
 * (the API answers 404 to anyone else).
 */
export function VideoControls({
  consultationId,
  patientId,
  lang,
}: {
  consultationId: number | string;
  patientId: number | string;
  lang: Lang;
}) {
  const t = localized(videoTexts, lang);
  const [info, setInfo] = useState<VideoInfo | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const room = `/video-room?consultation=${encodeURIComponent(String(consultationId))}`;

  const load = useCallback(async () => {
    try {
      setInfo(await videoInfo(consultationId, { kind: 'session' }));
    } catch (e) {
      setMessage(isApiError(e) && e.status === 409 ? t.cancelled : t.error);
    }
  }, [consultationId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function act(action: 'start' | 'end') {
    setBusy(true);
    setMessage(null);
    try {
      const next = action === 'start' ? await startVideo(consultationId) : await endVideo(consultationId);
      setInfo(next);
      if (action === 'start') window.location.assign(room);
    } catch (e) {
      setMessage(problemMessage(e, lang));
    } finally {
      setBusy(false);
    }
  }

  const state = info?.state;
  return (
    <div className={ui.actions} data-testid="video-controls" data-state={state ?? ''}>
      {state && (
        <span className={ui.muted}>
          {state === 'live' ? t.doctor.live : state === 'ended' ? t.doctor.endedState : t.doctor.waiting}
        </span>
      )}
      {state === 'waiting' && (
        <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void act('start')}
          data-testid="video-start">
          {t.doctor.start}
        </button>
      )}
      {state === 'live' && (
        <>
          <Link className="btn btn--primary" href={room} data-testid="video-join">
            {t.doctor.join}
          </Link>
          <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => void act('end')}
            data-testid="video-end">
            {t.doctor.end}
          </button>
        </>
      )}
      {state === 'live' && info?.patient_waiting && <strong>{t.doctor.patientWaiting}</strong>}
      <Link href={`/doctor/patients/${encodeURIComponent(String(patientId))}`}>{t.doctor.history}</Link>
      {message && (
        <p className={`${ui.notice} ${ui.error}`} role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
