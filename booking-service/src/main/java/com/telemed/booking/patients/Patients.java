package com.telemed.booking.patients;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;

import com.telemed.servicekit.crypto.BlindIndex;
import com.telemed.servicekit.crypto.CryptoKeys;
import com.telemed.servicekit.crypto.FieldCipher;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;

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

    /** Inserts the patient with this email, or touches the existing one (their details are kept), returning id. */
    private static final String UPSERT = """
            insert into patients (full_name, email, phone, email_index, locale, timezone)
            values (:pName, :pEmail, :pPhone, :pIndex, :pLocale, :pTz)
            on conflict (email_index) do update set updated_at = now()
            returning id""";

    private static final String COLUMNS = "id, full_name, email, phone, locale, created_at";

    /** The id of the patient with this email, created if new; an existing patient's details are kept. */
    public Mono<Long> findOrCreate(Contact c) {
        return bindUpsert(db.sql(UPSERT), c).map(row -> row.get("id", Long.class)).one();
    }

    /**
     * One statement that first finds or creates the patient with these details (as {@link #findOrCreate}) and then
     * runs {@code statement}, which reads the patient's id as {@code patient.id} ({@code from patient}); the caller
     * binds the statement's own parameters. Lets a booking store patient and consultation in one round trip.
     */
    public DatabaseClient.GenericExecuteSpec withPatient(Contact c, String statement) {
        return bindUpsert(db.sql("with patient as (" + UPSERT + ")\n" + statement), c);
    }

    private DatabaseClient.GenericExecuteSpec bindUpsert(DatabaseClient.GenericExecuteSpec spec, Contact c) {
        String email = c.email().trim();
        String phone = c.phone() == null || c.phone().isBlank() ? null : c.phone().trim();
        return spec.bind("pName", cipher.encrypt(c.fullName().trim(), "patients.full_name"))
                .bind("pEmail", cipher.encrypt(email, "patients.email"))
                .bind("pPhone", Parameter.fromOrEmpty(cipher.encrypt(phone, "patients.phone"), String.class))
                .bind("pIndex", index.ofEmail(email))
                .bind("pLocale", c.locale() == null ? "es" : c.locale())
                .bind("pTz", Parameter.fromOrEmpty(c.timezone(), String.class));
    }

    /** The id of the patient with this email, if there is one (found through the blind index). */
    public Mono<Long> idByEmail(String email) {
        return db.sql("select id from patients where email_index = :idx")
                .bind("idx", index.ofEmail(email.trim()))
                .map(row -> row.get("id", Long.class)).one();
    }

    public Mono<PatientView> byId(long id) {
        return db.sql("select " + COLUMNS + " from patients where id = :id")
                .bind("id", id).map(this::view).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Patient")));
    }

    /** These patients (any that do not exist are left out), by id. */
    public Mono<Map<Long, PatientView>> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select " + COLUMNS + " from patients where id = any(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .map(this::view).all()
                .collectMap(PatientView::id);
    }

    /** A page of all patients, newest first, or the one with this exact email; with the total. */
    public Mono<Page<PatientView>> page(String email, Paging paging) {
        String idx = email == null || email.isBlank() ? null : index.ofEmail(email.trim());
        String where = " where (cast(:idx as text) is null or email_index = cast(:idx as text))";
        Mono<List<PatientView>> items = db.sql("select " + COLUMNS + " from patients" + where
                        + " order by id desc limit :limit offset :offset")
                .bind("idx", Parameter.fromOrEmpty(idx, String.class))
                .bind("limit", paging.size()).bind("offset", paging.offset())
                .map(this::view).all().collectList();
        Mono<Long> total = db.sql("select count(*) as n from patients" + where)
                .bind("idx", Parameter.fromOrEmpty(idx, String.class))
                .map(row -> row.get("n", Long.class)).one();
        return Mono.zip(items, total).map(t -> Page.of(t.getT1(), paging, t.getT2()));
    }

    /** Decrypts a row with columns id, full_name, email, phone, locale, created_at. */
    private PatientView view(Readable row) {
        return new PatientView(row.get("id", Long.class), decryptName(row.get("full_name", String.class)),
                cipher.decrypt(row.get("email", String.class), "patients.email"),
                cipher.decrypt(row.get("phone", String.class), "patients.phone"),
                row.get("locale", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(), null, null);
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
