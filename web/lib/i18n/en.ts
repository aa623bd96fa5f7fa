import type { Dictionary } from './es';

/** English dictionary. Must have exactly the same keys as the Spanish one. */
export const en: Dictionary = {
  meta: {
    title: 'Telemed · Online doctor consultations without an account',
    description:
      'Book and pay for a video consultation with a doctor without creating an account. Secure Jitsi video room, clinical history and PDF export for professionals.',
  },
  a11y: {
    skipToContent: 'Skip to content',
    mainNav: 'Main navigation',
    home: 'Telemed, go to the home page',
    languageSwitch: 'Language',
  },
  nav: {
    book: 'Book',
    professionals: 'Professional access',
  },
  languages: {
    es: 'Español',
    en: 'English',
  },
  home: {
    eyebrow: 'Open-source telemedicine',
    headline: 'See a doctor by video call, no account needed',
    lead:
      'With Telemed you book and pay for a video consultation with a doctor in a few minutes, without signing up. The consultation takes place in a secure Jitsi video room, right in your browser.',
    primaryCta: 'Book a consultation',
    secondaryCta: 'Professional access',
    highlights: ['No sign-up', 'Online payment', 'Secure video call'],
    preview: {
      status: 'Consultation confirmed',
      specialty: 'General practice',
      when: 'Today · 10:30',
      room: 'Private video room',
      join: 'Join the room',
      paid: 'Payment completed',
    },
    featuresTitle: 'Everything you need for a remote consultation',
    features: [
      {
        title: 'Book and pay without an account',
        text: 'Choose a professional and a time slot, and pay online. No user account, no extra password to remember.',
      },
      {
        title: 'Secure video room',
        text: 'Every consultation gets its own private Jitsi room. It works in your computer or phone browser, with nothing to install.',
      },
      {
        title: 'Clinical history and PDF',
        text: "Doctors keep each patient's clinical history and can export it to PDF whenever they need it.",
      },
    ],
    howTitle: 'How it works',
    howLead: 'Three steps, from booking to consultation.',
    steps: [
      {
        title: 'Choose your consultation',
        text: 'Pick the professional and the day and time that suit you best.',
      },
      {
        title: 'Pay securely',
        text: 'Complete the online payment in a few steps, without creating any account.',
      },
      {
        title: 'Join the video call',
        text: 'At the time of your appointment, enter your video room with the link from your booking.',
      },
    ],
    proTitle: 'Are you a healthcare professional?',
    proText:
      "Sign in to your clinic's panel to manage your schedule, hold video consultations and review or export clinical histories.",
    proCta: 'Professional access',
  },
  footer: {
    tagline: 'Open-source telemedicine platform.',
    emergency:
      'Telemed is not an emergency service. In a medical emergency, contact your local emergency services.',
    rights: 'Telemed',
  },
  notFound: {
    title: 'Page not found',
    text: 'The page you are looking for does not exist or has moved.',
    back: 'Back to home',
  },
};
