/**
 * Spanish dictionary (default language).
 * Its shape defines the `Dictionary` type every other language must follow.
 */
export const es = {
  meta: {
    title: 'Telemed · Videoconsultas médicas sin crear cuenta',
    description:
      'Reserva y paga una videoconsulta con un médico sin crear una cuenta. Sala de vídeo segura con Jitsi, historia clínica y exportación a PDF para profesionales.',
  },
  a11y: {
    skipToContent: 'Saltar al contenido',
    mainNav: 'Navegación principal',
    home: 'Telemed, ir a la página de inicio',
    languageSwitch: 'Idioma',
  },
  nav: {
    book: 'Reservar',
    professionals: 'Acceso profesionales',
  },
  languages: {
    es: 'Español',
    en: 'English',
  },
  home: {
    eyebrow: 'Telemedicina de código abierto',
    headline: 'Tu consulta médica por videollamada, sin crear una cuenta',
    lead:
      'Con Telemed reservas y pagas tu videoconsulta con un médico en pocos minutos, sin registrarte. La consulta se realiza en una sala de vídeo segura con Jitsi, directamente desde el navegador.',
    primaryCta: 'Reservar consulta',
    secondaryCta: 'Acceso profesionales',
    highlights: ['Sin registro', 'Pago online', 'Videollamada segura'],
    preview: {
      status: 'Consulta confirmada',
      specialty: 'Medicina general',
      when: 'Hoy · 10:30',
      room: 'Sala de vídeo privada',
      join: 'Entrar en la sala',
      paid: 'Pago completado',
    },
    featuresTitle: 'Todo lo necesario para una consulta a distancia',
    features: [
      {
        title: 'Reserva y pago sin cuenta',
        text: 'Elige profesional y horario, y paga online. No necesitas crear un usuario ni recordar otra contraseña.',
      },
      {
        title: 'Sala de vídeo segura',
        text: 'Cada consulta tiene su propia sala privada de Jitsi. Funciona en el navegador del ordenador o del móvil, sin instalar nada.',
      },
      {
        title: 'Historia clínica y PDF',
        text: 'Los médicos registran la historia clínica de cada paciente y pueden exportarla a PDF cuando la necesiten.',
      },
    ],
    howTitle: 'Cómo funciona',
    howLead: 'Tres pasos, de la reserva a la consulta.',
    steps: [
      {
        title: 'Elige tu consulta',
        text: 'Selecciona el profesional y el día y la hora que mejor te vengan.',
      },
      {
        title: 'Paga de forma segura',
        text: 'Completa el pago online en unos pocos pasos, sin crear ninguna cuenta.',
      },
      {
        title: 'Conéctate a la videollamada',
        text: 'A la hora de la cita, entra en tu sala de vídeo con el enlace de tu reserva.',
      },
    ],
    proTitle: '¿Eres profesional sanitario?',
    proText:
      'Accede al panel de tu clínica para gestionar tu agenda, atender videoconsultas y consultar o exportar historias clínicas.',
    proCta: 'Acceso profesionales',
  },
  footer: {
    tagline: 'Plataforma de telemedicina de código abierto.',
    emergency:
      'Telemed no es un servicio de urgencias. Ante una emergencia médica, contacta con los servicios de emergencia de tu zona.',
    rights: 'Telemed',
  },
  notFound: {
    title: 'Página no encontrada',
    text: 'La página que buscas no existe o ha cambiado de dirección.',
    back: 'Volver al inicio',
  },
};

export type Dictionary = typeof es;
