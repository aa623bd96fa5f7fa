'use client';

import { useEffect, useRef, useState } from 'react';
import { ui } from '@/components/ui';
import { localized, type Lang } from '@/lib/i18n';
import { videoTexts } from '@/lib/i18n/video';
import { externalApiUrl, type VideoInfo } from '@/lib/video';

/** The subset of Jitsi's IFrame API (external_api.js) this page uses. */
interface JitsiApi {
  addListener(event: string, listener: (...args: unknown[]) => void): void;
  executeCommand(command: string, ...args: unknown[]): void;
  dispose(): void;
}
type JitsiConstructor = new (domain: string, options: Record<string, unknown>) => JitsiApi;

declare global {
  interface Window {
    JitsiMeetExternalAPI?: JitsiConstructor;
  }
}

const LOAD_TIMEOUT_MS = 15_000;

/** Loads external_api.js from the Jitsi host once per page. */
function loadExternalApi(domain: string): Promise<JitsiConstructor> {
  if (window.JitsiMeetExternalAPI) return Promise.resolve(window.JitsiMeetExternalAPI);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = externalApiUrl(domain);
    script.async = true;
    const timer = window.setTimeout(() => reject(new Error('timeout')), LOAD_TIMEOUT_MS);
    script.onload = () => {
      window.clearTimeout(timer);
      if (window.JitsiMeetExternalAPI) resolve(window.JitsiMeetExternalAPI);
      else reject(new Error('no JitsiMeetExternalAPI'));
    };
    script.onerror = () => {
      window.clearTimeout(timer);
      script.remove();
      reject(new Error('unreachable'));
    };
    document.head.appendChild(script);
  });
}

/**
 * The Jitsi room, embedded through the External API with this participant's display name and room token, the
 * pre-join screen skipped (the page did its own device check). Without room tokens the doctor (the moderator)
 * turns the lobby on, so the patient waits to be admitted. If Jitsi cannot be reached: a message and a retry.
 */
export function JitsiRoom({
  info,
  lang,
  onJoined,
  onLeft,
}: {
  info: VideoInfo;
  lang: Lang;
  onJoined?: () => void;
  onLeft?: () => void;
}) {
  const t = localized(videoTexts, lang);
  const parent = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState(false);
  const callbacks = useRef({ onJoined, onLeft });
  callbacks.current = { onJoined, onLeft };
  const room = info.jitsi_room_name;

  useEffect(() => {
    if (!room || !parent.current) return;
    let api: JitsiApi | null = null;
    let cancelled = false;
    setFailed(false);
    loadExternalApi(info.jitsi_domain)
      .then((JitsiMeetExternalAPI) => {
        if (cancelled || !parent.current) return;
        api = new JitsiMeetExternalAPI(info.jitsi_domain, {
          roomName: room,
          jwt: info.jwt ?? undefined,
          parentNode: parent.current,
          width: '100%',
          height: 560,
          lang,
          userInfo: { displayName: info.display_name },
          configOverwrite: {
            prejoinConfig: { enabled: false },
            prejoinPageEnabled: false,
            disableDeepLinking: true,
          },
        });
        api.addListener('videoConferenceJoined', () => {
          if (info.role === 'doctor' && info.lobby_enabled) api?.executeCommand('toggleLobby', true);
          callbacks.current.onJoined?.();
        });
        api.addListener('videoConferenceLeft', () => callbacks.current.onLeft?.());
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      api?.dispose();
    };
    // A new attempt (retry) or another room builds the frame again.
  }, [room, info.jitsi_domain, info.jwt, info.display_name, info.role, info.lobby_enabled, lang, attempt]);

  if (failed) {
    return (
      <div className={ui.panel} data-testid="jitsi-unreachable">
        <p className={`${ui.notice} ${ui.error}`} role="alert">
          {t.roomUnreachable}
        </p>
        <button type="button" className="btn btn--primary" onClick={() => setAttempt((n) => n + 1)}>
          {t.retry}
        </button>
      </div>
    );
  }
  return <div ref={parent} data-testid="jitsi-room" style={{ minHeight: 560 }} />;
}
