'use client';

import { useCallback, useEffect, useState } from 'react';
import { publicDoctors, type BookingAnswer, type PublicDoctor, type Slot } from '@/lib/booking';
import { bookingTexts } from '@/lib/i18n/booking';
import type { Lang } from '@/lib/i18n';
import { Notice, Page, ui } from '@/components/ui';
import { BookingSteps, type Step } from './BookingSteps';
import { SpecialtyStep } from './SpecialtyStep';
import { DoctorStep } from './DoctorStep';
import { SlotStep } from './SlotStep';
import type { CaptchaSettings } from '@/lib/captcha';
import { DetailsStep } from './DetailsStep';
import { PaymentStep } from './PaymentStep';

/** Specialty → doctor → day and time (in the patient's zone) → details → payment step with the hold. */
export function BookingFlow({ lang, captcha = null }: { lang: Lang; captcha?: CaptchaSettings | null }) {
  const t = bookingTexts[lang].flow;
  const [doctors, setDoctors] = useState<PublicDoctor[] | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [step, setStep] = useState<Step>(0);
  const [specialty, setSpecialty] = useState<string | null>(null);
  const [doctor, setDoctor] = useState<PublicDoctor | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [booking, setBooking] = useState<BookingAnswer | null>(null);
  const [refreshSlots, setRefreshSlots] = useState(0);

  useEffect(() => {
    publicDoctors().then(setDoctors).catch(() => setLoadError(true));
  }, []);

  /** Back to the day and time, with why (the slot was taken, or the hold ran out), and fresh slots. */
  const backToSlots = useCallback((text: string) => {
    setMessage(text);
    setSlot(null);
    setBooking(null);
    setRefreshSlots((n) => n + 1);
    setStep(2);
  }, []);
  const holdExpired = useCallback(() => backToSlots(t.holdExpired), [backToSlots, t.holdExpired]);

  return (
    <Page aria-labelledby="booking-title">
      <h1 id="booking-title" className={ui.title}>{t.title}</h1>
      <p className={ui.lead}>{t.lead}</p>
      <BookingSteps lang={lang} step={step} />

      {message && <Notice kind="error" testId="booking-message">{message}</Notice>}

      <div className={ui.panel}>
        {step === 0 && (
          <SpecialtyStep
            lang={lang}
            doctors={doctors}
            loadError={loadError}
            onPick={(s) => {
              setSpecialty(s);
              setStep(1);
            }}
          />
        )}

        {step === 1 && (
          <DoctorStep
            lang={lang}
            doctors={(doctors ?? []).filter((d) => !specialty || d.specialty === specialty)}
            onPick={(d) => {
              setDoctor(d);
              setMessage(null);
              setStep(2);
            }}
            onBack={() => setStep(0)}
          />
        )}

        {step === 2 && doctor && (
          <SlotStep
            lang={lang}
            doctor={doctor}
            refreshKey={refreshSlots}
            onPick={(s) => {
              setSlot(s);
              setMessage(null);
              setStep(3);
            }}
            onBack={() => setStep(1)}
          />
        )}

        {step === 3 && doctor && slot && (
          <DetailsStep
            lang={lang}
            captcha={captcha}
            doctor={doctor}
            slot={slot}
            onBooked={(answer) => {
              setBooking(answer);
              setStep(4);
            }}
            onMessage={setMessage}
            onSlotGone={backToSlots}
            onBack={() => setStep(2)}
          />
        )}

        {step === 4 && booking && <PaymentStep lang={lang} booking={booking} onExpired={holdExpired} />}
      </div>
    </Page>
  );
}
