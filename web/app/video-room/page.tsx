import type { Metadata } from 'next';
import { VideoRoom } from '@/components/video/VideoRoom';
import { localized } from '@/lib/i18n';
import { videoTexts } from '@/lib/i18n/video';
import { getLang } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: localized(videoTexts, await getLang()).title, robots: { index: false } };
}

/**
 * `/video-room?consultation=<id>`: the doctor (signed in) or the patient, signed in or with `&token=<link token>`
 * from the confirmation email. The gateway allows camera and microphone on this path only.
 */
export default async function VideoRoomPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  return <VideoRoom lang={await getLang()} consultationId={one(params.consultation)} token={one(params.token)} />;
}
