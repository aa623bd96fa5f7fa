import { cookies } from 'next/headers';
import { getDictionary, LANG_COOKIE, toLang, type Dictionary, type Lang } from './index';

/** Language of the current request, read from the `lang` cookie (server components only). */
export async function getLang(): Promise<Lang> {
  const cookieStore = await cookies();
  return toLang(cookieStore.get(LANG_COOKIE)?.value);
}

/** Language and dictionary of the current request (server components only). */
export async function getI18n(): Promise<{ lang: Lang; t: Dictionary }> {
  const lang = await getLang();
  return { lang, t: getDictionary(lang) };
}
