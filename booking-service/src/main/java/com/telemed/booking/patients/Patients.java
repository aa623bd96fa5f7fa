package com.telemed.booking.patients;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;

import com.telemed.servicekit.crypto.BlindIndex;
import com.telemed.servicekit.crypto.CryptoKeys;
import com.telemed.servicekit.crypto.FieldCipher;
import com.telemed.servicekit.web.ApiException;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * Patients' personal data at rest: name, email and phone are AES-256-GCM ciphertexts bound to their column; the
 * email's blind index finds a returning patient without decrypting anything.
 */
@Service
public class Patients {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ().-]{5,22}$");

    private final FieldCipher cipher;
    private final BlindIndex index;
    private final DatabaseClient db;

    public Patients(CryptoKeys keys, DatabaseClient db) {
        this.cipher = keys.cipher(CryptoKeys.PII_KEYS);
        this.index = keys.blindIndex(CryptoKeys.BLIND_INDEX_KEY);
        this.db = db;
    }

    /** Contact details as typed by a person, checked before anything is stored. */
    public record Contact(String fullName, String email, String phone, String locale, String timezone) {
    }

    /** 400 unless the name, email and phone are plausible. */
    public static void validate(Contact c) {
        if (c.fullName() == null || c.fullName().isBlank() || c.fullName().length() > 200) {
            throw ApiException.badRequest("invalid-name", "full_name is required (at most 200 characters)");
        }
        if (c.email() == null || c.email().length() > 254 || !EMAIL.matcher(c.email().trim()).matches()) {
            throw ApiException.badRequest("invalid-email", "email is not a valid address");
        }
        if (c.phone() != null && !c.phone().isBlank() && !PHONE.matcher(c.phone().trim()).matches()) {
            throw ApiException.badRequest("invalid-phone", "phone is not a valid number");
        }
    }

    /**
     * Inserts the patient with this email, or touches the existing one (their details are kept), returning
     * {@code id}; usable on its own or as a CTE. Parameters are bound by {@link #bindUpsert}.
     */
    public static final String UPSERT = """
            insert into patients (full_name, email, phone, email_index, locale, timezone)
            values (:pName, :pEmail, :pPhone, :pIndex, :pLocale, :pTz)
            on conflict (email_index) do update set updated_at = now()
            returning id""";

    /** The id of the patient with this email, created if new; an existing patient's details are kept. */
    public Mono<Long> findOrCreate(Contact c) {
        return bindUpsert(db.sql(UPSERT), c).map(row -> row.get("id", Long.class)).one();
    }

    /** Binds the contact, encrypted, to the parameters of {@link #UPSERT}. */
    public DatabaseClient.GenericExecuteSpec bindUpsert(DatabaseClient.GenericExecuteSpec spec, Contact c) {
        String email = c.email().trim();
        String phone = c.phone() == null || c.phone().isBlank() ? null : c.phone().trim();
        return spec.bind("pName", cipher.encrypt(c.fullName().trim(), "patients.full_name"))
                .bind("pEmail", cipher.encrypt(email, "patients.email"))
                .bind("pPhone", Parameter.fromOrEmpty(cipher.encrypt(phone, "patients.phone"), String.class))
                .bind("pIndex", index.ofEmail(email))
                .bind("pLocale", c.locale() == null ? "es" : c.locale())
                .bind("pTz", Parameter.fromOrEmpty(c.timezone(), String.class));
    }

    /** The blind index of an email, to look a patient up. */
    public String indexOf(String email) {
        return index.ofEmail(email);
    }

    public Mono<PatientView> byId(long id) {
        return db.sql("select id, full_name, email, phone, locale, created_at from patients where id = :id")
                .bind("id", id).map(this::view).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Patient")));
    }

    /** Decrypts a row with columns id, full_name, email, phone, locale, created_at (and optional counts). */
    public PatientView view(Readable row) {
        Long count = null;
        Instant last = null;
        try {
            count = row.get("consultations_count", Long.class);
            OffsetDateTime l = row.get("last_consultation_at", OffsetDateTime.class);
            last = l == null ? null : l.toInstant();
        } catch (RuntimeException absent) {
            // plain patient row without aggregates
        }
        return new PatientView(row.get("id", Long.class), decryptName(row.get("full_name", String.class)),
                cipher.decrypt(row.get("email", String.class), "patients.email"),
                cipher.decrypt(row.get("phone", String.class), "patients.phone"),
                row.get("locale", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(), count, last);
    }

    public String decryptName(String ciphertext) {
        return cipher.decrypt(ciphertext, "patients.full_name");
    }

    public String decryptEmail(String ciphertext) {
        return cipher.decrypt(ciphertext, "patients.email");
    }

    /** Free text about a consultation (reason, notes) is health data: encrypted like the rest. */
    public String seal(String text, String column) {
        return text == null || text.isBlank() ? null : cipher.encrypt(text, column);
    }

    public String open(String ciphertext, String column) {
        return cipher.decrypt(ciphertext, column);
    }
}
