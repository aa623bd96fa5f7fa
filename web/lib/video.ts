/**
 * The video API of one consultation (video-service, through the gateway). The doctor and a signed-in patient call
 * it with their access token; a patient who came by the link of their email calls it with that link's token
 * instead (`?token=` on reads, `token` in the body of presence reports). No framework imports: unit-testable.
 */
import { apiFetch, type RequestOptions } from './api';
import { authedFetch } from './session';

export type VideoState = 'waiting' | 'live' | 'ended';

export interface VideoInfo {
  consultation_id: number;
  role: 'doctor' | 'patient';
  state: VideoState;
  scheduled_at: string;
  ends_at: string;
  opens_at: string;
  server_time: string;
  jitsi_domain: string;
  jitsi_room_name: string | null;
  jitsi_room_url: string | null;
  started_at: string | null;
  ended_at: string | null;
  duration_seconds: number | null;
  /** This viewer's own room token; null when the Jitsi server takes none. */
  jwt: string | null;
  /** `token`: every join needs a room token; `name_and_lobby`: public Jitsi, the unguessable name and the lobby. */
  room_protection: 'token' | 'name_and_lobby';
  lobby_enabled: boolean;
  display_name: string;
  doctor_name: string | null;
  /** Doctor's view only. */
  patient_id: number | null;
  patient_present: boolean | null;
  patient_waiting: boolean | null;
  doctor_present: boolean;
}

/** How this browser proves who it is: its session, or the patient's link token. */
export type VideoAuth = { kind: 'session' } | { kind: 'link'; token: string };

const base = (id: string | number) => `/video/consultations/${encodeURIComponent(String(id))}`;

function call<T>(auth: VideoAuth, path: string, options: RequestOptions = {}): Promise<T> {
  if (auth.kind === 'session') return authedFetch<T>(path, options);
  return apiFetch<T>(path, options);
}

export function videoInfo(id: string | number, auth: VideoAuth, options: RequestOptions = {}): Promise<VideoInfo> {
  return call<VideoInfo>(auth, `${base(id)}/video-info`, {
    ...options,
    method: 'GET',
    query: auth.kind === 'link' ? { token: auth.token } : undefined,
  });
}

export function startVideo(id: string | number, options: RequestOptions = {}): Promise<VideoInfo> {
  return authedFetch<VideoInfo>(`${base(id)}/start-video`, { ...options, method: 'POST' });
}

export function endVideo(id: string | number, options: RequestOptions = {}): Promise<VideoInfo> {
  return authedFetch<VideoInfo>(`${base(id)}/end-video`, { ...options, method: 'POST' });
}

export function reportPresence(id: string | number, auth: VideoAuth, event: 'joined' | 'left',
  options: RequestOptions = {}): Promise<VideoInfo> {
  return call<VideoInfo>(auth, `${base(id)}/presence`, {
    ...options,
    method: 'POST',
    body: auth.kind === 'link' ? { event, token: auth.token } : { event },
  });
}

export { countdown, externalApiUrl, msUntil } from './videoClock';
