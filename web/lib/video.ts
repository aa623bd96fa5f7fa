/**
 * The video API of one consultation (video-service, through the gateway). The doctor and a signed-in patient call
 * it with their access token; a patient who came by the link of their email calls it with that link's token
 * instead (`?token=` on reads, `token` in the body of presence reports). No framework imports: unit-testable.
 */
import { apiFetch, type RequestOptions } from './api';
import type { Schemas } from './api/types';
import { authedFetch } from './session';

export type VideoState = 'waiting' | 'live' | 'ended';

export type VideoInfo = Schemas['VideoInfo'];

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
