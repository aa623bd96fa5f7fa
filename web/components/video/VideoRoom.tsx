'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Page, ui } from '@/components/ui';
import { isApiError } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { localized, type Lang } from '@/lib/i18n';
import { videoTexts } from '@/lib/i18n/video';
import { loadSession } from '@/lib/session';
import { countdown, endVideo, msUntil, startVideo, videoInfo, type VideoAuth, type VideoInfo } from '@/lib/video';
import { DeviceCheck } from './DeviceCheck';
import { JitsiRoom } from './JitsiRoom';

const POLL_MS = 5_000;

type Failure = 'not-found' | 'cancelled' | 'error' | null;

/**
 * `/video-room?consultation=<id>[&token=<link token>]`: the consultation's video for its doctor or its patient.
 * Device check first; then, before the room opens, a waiting state with a countdown; then the Jitsi room. The
 * doctor also sees whether the patient is waiting, an End consultation button and the patient's history.
 */
export function VideoRoom({ lang, consultationId, token }: { lang: Lang; consultationId: string; token: string }) {
  const t = localized(videoTexts, lang);
  const [auth, setAuth] = useState<VideoAuth | null>(null);
  const [info, setInfo] = useState<VideoInfo | null>(null);
  const [readAt, setReadAt] = useState(0);
  const [failure, setFailure] = useState<Failure>(null);
  const [ready, setReady] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [, setTick] = useState(0);
  const joined = useRef(false);

  useEffect(() => {
    if (token) setAuth({ kind: 'link', token });
    else if (loadSession()) setAuth({ kind: 'session' });
    else setFailure('not-found');
  }, [token]);

  const refresh = useCallback(async () => {
    if (!auth || !/^\d+$/.test(consultationId)) {
      if (auth) setFailure('not-found');
      return;
    }
    try {
      const next = await videoInfo(consultationId, auth);
      setInfo(next);
      setReadAt(Date.now());
      setFailure(null);
    } catch (e) {
      if (isApiError(e) && (e.status === 404 || e.status === 401 || e.status === 400)) setFailure('not-found');
      else if (isApiError(e) && e.status === 409) setFailure('cancelled');
      else setFailure('error');
    }
  }, [auth, consultationId]);

  useEffect(() => {
    void refresh();
    const poll = window.setInterval(() => void refresh(), POLL_MS);
    const clock = window.setInterval(() => setTick((n) => n + 1), 1_000);
    return () => {
      window.clearInterval(poll);
      window.clearInterval(clock);
    };
  }, [refresh]);

  // On the page (after the device check) is "joined": the doctor sees the patient waiting. Leaving says so.
  const loaded = info !== null;
  useEffect(() => {
    if (!ready || !auth || !loaded || joined.current) return;
    joined.current = true;
    void presence(consultationId, auth, 'joined').then(() => refresh());
  }, [ready, auth, loaded, consultationId, refresh]);

  useEffect(() => {
    if (!ready || !auth) return;
    const leave = () => void presence(consultationId, auth, 'left');
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, [ready, auth, consultationId]);

  async function start() {
    setMessage(null);
    try {
      setInfo(await startVideo(consultationId));
      setReadAt(Date.now());
    } catch (e) {
      setMessage(problemMessage(e, lang));
    }
  }

  async function end() {
    setConfirmEnd(false);
    try {
      setInfo(await endVideo(consultationId));
    } catch (e) {
      setMessage(problemMessage(e, lang));
    }
  }

  if (failure === 'not-found') {
    const next = `/video-room?consultation=${encodeURIComponent(consultationId)}`;
    return (
      <Page soft>
        <div className={ui.panel} data-testid="video-not-found">
          <h1 className={ui.title}>{t.notFound}</h1>
          <p className={ui.lead}>{t.notFoundLead}</p>
          <Link href={`/login?next=${encodeURIComponent(next)}`}>{t.signIn}</Link>
        </div>
      </Page>
    );
  }
  if (failure === 'cancelled' || failure === 'error') {
    return (
      <Page soft>
        <div className={ui.panel}>
          <h1 className={ui.title}>{t.title}</h1>
          <p className={`${ui.notice} ${ui.error}`} role="alert">
            {failure === 'cancelled' ? t.cancelled : t.error}
          </p>
          {failure === 'error' && (
            <button type="button" className="btn btn--primary" onClick={() => void refresh()}>
              {t.retry}
            </button>
          )}
        </div>
      </Page>
    );
  }
  if (!info) {
    return (
      <Page soft>
        <p className={ui.muted}>{t.loading}</p>
      </Page>
    );
  }

  const doctor = info.role === 'doctor';
  const opensIn = msUntil(info.opens_at, info.server_time, readAt);
  return (
    <Page soft>
      <div className={ui.panel} data-testid="video-room" data-state={info.state} data-role={info.role}>
        <p className="eyebrow">{t.title}</p>
        <h1 className={ui.title}>{info.doctor_name ?? t.title}</h1>
        <p className={ui.muted}>{t.waiting.startsAt(formatDateTime(info.scheduled_at, lang))}</p>
        {doctor && <DoctorBar info={info} lang={lang} />}
        {message && (
          <p className={`${ui.notice} ${ui.error}`} role="alert" data-testid="video-message">
            {message}
          </p>
        )}
      </div>

      {!ready && info.state !== 'ended' && <DeviceCheck lang={lang} onReady={() => setReady(true)} />}

      {ready && info.state === 'waiting' && (
        <div className={ui.panel} data-testid="waiting" aria-live="polite">
          {opensIn > 0 ? (
            <p data-testid="countdown">{t.waiting.opensIn(countdown(opensIn))}</p>
          ) : (
            !doctor && <p>{t.waiting.forDoctor}</p>
          )}
          {!doctor && <p className={ui.muted}>{t.waiting.youAreIn}</p>}
          {doctor && (
            <button type="button" className="btn btn--primary" onClick={() => void start()} data-testid="start-video">
              {t.doctor.start}
            </button>
          )}
        </div>
      )}

      {ready && info.state === 'live' && (
        <div className={ui.panel}>
          <p>
            {t.room}: <code data-testid="room-name">{info.jitsi_room_name}</code>
          </p>
          <p className={ui.hint} data-testid="room-protection">
            {info.room_protection === 'token' ? t.protection.token : t.protection.nameAndLobby}
          </p>
          <JitsiRoom info={info} lang={lang} />
          {doctor && (
            <div className={ui.actions}>
              {confirmEnd ? (
                <>
                  <span>{t.doctor.confirmEnd}</span>
                  <button type="button" className="btn btn--primary" onClick={() => void end()} data-testid="confirm-end">
                    {t.doctor.end}
                  </button>
                </>
              ) : (
                <button type="button" className="btn btn--secondary" onClick={() => setConfirmEnd(true)} data-testid="end-video">
                  {t.doctor.end}
                </button>
              )}
            </div>
          )}
        </div>
      )}

      {info.state === 'ended' && (
        <div className={ui.panel} data-testid="video-ended">
          <p>{t.ended(Math.round((info.duration_seconds ?? 0) / 60))}</p>
        </div>
      )}
    </Page>
  );
}

/** The doctor's view of the patient: waiting, connected or not there yet; and their history. */
function DoctorBar({ info, lang }: { info: VideoInfo; lang: Lang }) {
  const t = localized(videoTexts, lang).doctor;
  const state = info.patient_waiting ? 'waiting' : info.patient_present ? 'in' : 'away';
  const label = state === 'waiting' ? t.patientWaiting : state === 'in' ? t.patientIn : t.patientAway;
  return (
    <div className={ui.actions}>
      <strong data-testid="patient-status" data-state={state} aria-live="polite">
        {label}
      </strong>
      {info.patient_id !== null && <Link href={`/doctor/patients/${info.patient_id}`}>{t.history}</Link>}
    </div>
  );
}

/** Reports presence; `keepalive` lets the "left" report outlive the page. */
function presence(id: string, auth: VideoAuth, event: 'joined' | 'left'): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const session = auth.kind === 'session' ? loadSession() : null;
  if (session) headers.authorization = `Bearer ${session.access_token}`;
  const body = auth.kind === 'link' ? { event, token: auth.token } : { event };
  return fetch(`/api/v1/video/consultations/${encodeURIComponent(id)}/presence`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    keepalive: true,
  }).catch(() => undefined);
}

/** The 409s of start/end in the doctor's words. */
export function problemMessage(e: unknown, lang: Lang): string {
  const t = localized(videoTexts, lang);
  if (isApiError(e)) {
    const code = (e.type ?? '').split('/').pop();
    if (code === 'too-early' && typeof e.problem?.opens_at === 'string') {
      return t.doctor.tooEarly(formatDateTime(e.problem.opens_at, lang));
    }
    if (code === 'too-late') return t.doctor.tooLate;
    if (code === 'not-confirmed') return t.doctor.notConfirmed;
    if (e.detail) return e.detail;
  }
  return t.error;
}
