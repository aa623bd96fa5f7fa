package com.telemed.clinical.templates;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.telemed.clinical.content.Allergy;
import com.telemed.clinical.content.ContentJson;
import com.telemed.clinical.content.Medication;

import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * In local mode, three clinic-wide templates in Spanish so that the demo has something to start from: general
 * consultation, follow-up and skin lesion. Idempotent across restarts ({@code starter_key}); an admin may change
 * or delete them like any clinic-wide template (a deleted starter comes back on the next start).
 */
@Component
class StarterTemplates {

    private static final Logger log = LoggerFactory.getLogger(StarterTemplates.class);

    record Starter(String key, String name, String description, String chiefComplaint, String background,
            String assessment, String plan, List<Allergy> allergies, List<Medication> medications) {
    }

    static final List<Starter> STARTERS = List.of(
            new Starter("general", "Consulta general", "Primera visita por un motivo nuevo",
                    "Motivo de consulta: ",
                    "Antecedentes personales: sin interés.\nAntecedentes familiares: sin interés.\nHábitos: ",
                    "Exploración: buen estado general.\nImpresión diagnóstica: ",
                    "Tratamiento: \nRecomendaciones: \nRevisión: si no mejora en 7 días.", List.of(), List.of()),
            new Starter("follow-up", "Seguimiento", "Revisión de un problema ya conocido",
                    "Revisión de ",
                    "Evolución desde la última consulta: ",
                    "Evolución: favorable / estable / desfavorable.\nAdherencia al tratamiento: ",
                    "Mantener tratamiento actual.\nPróxima revisión: ", List.of(), List.of()),
            new Starter("skin-lesion", "Dermatología: lesión cutánea", "Valoración de una lesión de la piel",
                    "Lesión cutánea en ",
                    "Tiempo de evolución: \nCambios de tamaño, color o forma: \nExposición solar / fototipo: ",
                    "Descripción (ABCDE): asimetría, bordes, color, diámetro, evolución.\nImpresión diagnóstica: ",
                    "Fotoprotección diaria.\nValorar dermatoscopia presencial si cambios.\nRevisión en 3 meses.",
                    List.of(), List.of(new Medication("Fotoprotector SPF 50", "aplicación", "cada 2 horas al sol",
                            "tópica"))));

    private final DatabaseClient db;
    private final boolean localMode;

    StarterTemplates(DatabaseClient db, Environment env) {
        this.db = db;
        this.localMode = env.getProperty("telemed.local-mode", Boolean.class, false);
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!localMode) {
            return;
        }
        Flux.fromIterable(STARTERS)
                .concatMap(s -> db.sql("""
                                insert into clinical_templates (starter_key, name, description, chief_complaint,
                                                                background, assessment, plan, allergies, medications,
                                                                clinic_wide)
                                values (:key, :name, :description, :cc, :bg, :as, :plan, :allergies, :medications, true)
                                on conflict (starter_key) do nothing""")
                        .bind("key", s.key()).bind("name", s.name()).bind("description", s.description())
                        .bind("cc", s.chiefComplaint()).bind("bg", s.background()).bind("as", s.assessment())
                        .bind("plan", s.plan()).bind("allergies", ContentJson.write(s.allergies()))
                        .bind("medications", ContentJson.write(s.medications()))
                        .fetch().rowsUpdated())
                .retryWhen(Retry.backoff(5, Duration.ofSeconds(1)))
                .subscribe(n -> { }, e -> log.error("Could not create the starter templates", e),
                        () -> log.info("Starter templates are in place ({})", STARTERS.size()));
    }
}
