package com.telemed.servicekit.audit;

/**
 * One audited access: {@code actor} (user or patient id, or {@code system}) with {@code actorRole} did
 * {@code action} (read, create, update, delete, export, login…) on {@code resource} (e.g. {@code consultation:42})
 * of patient {@code patientId} (null when no patient is involved), with {@code outcome} (success, denied, failed).
 * Never put personal data or secrets in these fields.
 */
public record AuditEntry(String actor, String actorRole, Long patientId, String resource, String action,
        String outcome, String clientIp) {

    public static AuditEntry success(String actor, String actorRole, Long patientId, String resource, String action) {
        return new AuditEntry(actor, actorRole, patientId, resource, action, "success", null);
    }

    public static AuditEntry denied(String actor, String actorRole, Long patientId, String resource, String action) {
        return new AuditEntry(actor, actorRole, patientId, resource, action, "denied", null);
    }

    public AuditEntry from(String ip) {
        return new AuditEntry(actor, actorRole, patientId, resource, action, outcome, ip);
    }
}
